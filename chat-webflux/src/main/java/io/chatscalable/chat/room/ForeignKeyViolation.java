package io.chatscalable.chat.room;

import io.r2dbc.spi.R2dbcException;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Tells a foreign-key violation on a user column (the token's user is gone from the
 * database) from other integrity violations, which are bugs or outages and must surface
 * as such.
 */
final class ForeignKeyViolation {

	/** PostgreSQL's SQLSTATE for foreign_key_violation. */
	private static final String FOREIGN_KEY_VIOLATION = "23503";

	private ForeignKeyViolation() {
	}

	static boolean isUnknownUser(Throwable error) {
		if (!(error instanceof DataIntegrityViolationException)) {
			return false;
		}
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && FOREIGN_KEY_VIOLATION.equals(r2dbc.getSqlState())) {
				String message = String.valueOf(r2dbc.getMessage());
				return message.contains("created_by") || message.contains("user_id");
			}
		}
		return false;
	}

}
