package io.chatscalable.chat.message;

import reactor.core.Exceptions;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/** Tells a record the database refuses from a database that is unavailable. */
final class StoreFailures {

	private StoreFailures() {
	}

	/**
	 * The database answered, and said no to the data (a constraint, a value it cannot
	 * take): retrying helps only a few times, if at all. Everything else (no connection,
	 * a timeout, a deadlock, a failover) is an outage, waited out without giving up on
	 * any record.
	 */
	static boolean isRefusedByDatabase(Throwable error) {
		return error instanceof DataAccessException && !(error instanceof TransientDataAccessException)
				&& !(error instanceof DataAccessResourceFailureException)
				&& !(error instanceof RecoverableDataAccessException);
	}

	/** The cause of a retry that gave up, or the error itself. */
	static Throwable unwrap(Throwable error) {
		return (Exceptions.isRetryExhausted(error) && error.getCause() != null) ? error.getCause() : error;
	}

}
