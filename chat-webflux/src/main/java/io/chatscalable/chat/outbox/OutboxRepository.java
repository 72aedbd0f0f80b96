package io.chatscalable.chat.outbox;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The relay's queries on the outbox table. */
@Repository
class OutboxRepository {

	/** Error texts are cut to this length; the full one is in the log. */
	private static final int MAX_ERROR_LENGTH = 1000;

	private final DatabaseClient database;

	OutboxRepository(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * The oldest pending rows, in id order (served by the partial index
	 * outbox_pending_idx).
	 */
	Flux<OutboxRow> pending(int limit) {
		return this.database
			.sql("SELECT id, aggregate_type, aggregate_id, event_type, payload::text AS payload, attempts, created_at"
					+ " FROM outbox WHERE status = 'PENDING' ORDER BY id LIMIT :limit")
			.bind("limit", limit)
			.map((row) -> new OutboxRow(row.get("id", Long.class), row.get("aggregate_type", String.class),
					row.get("aggregate_id", String.class), row.get("event_type", String.class),
					row.get("payload", String.class), row.get("attempts", Integer.class),
					row.get("created_at", Instant.class)))
			.all();
	}

	/** Marks rows sent, now. */
	Mono<Long> markSent(List<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.just(0L);
		}
		return this.database
			.sql("UPDATE outbox SET status = 'SENT', sent_at = now() WHERE id = ANY(:ids) AND status = 'PENDING'")
			.bind("ids", ids.toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Counts a failed publish in {@code attempts}; a permanent failure also counts in
	 * {@code permanent_failures}, and a row with {@code maxAttempts} of those is set
	 * aside as FAILED. Emits whether the row was set aside.
	 */
	Mono<Boolean> recordFailure(long id, String error, boolean permanent, int maxAttempts) {
		String text = (error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
		int permanentIncrement = permanent ? 1 : 0;
		return this.database.sql("UPDATE outbox SET attempts = attempts + 1, last_error = :error,"
				+ " permanent_failures = permanent_failures + :permanent,"
				+ " status = CASE WHEN permanent_failures + :permanent >= :maxAttempts THEN 'FAILED' ELSE status END"
				+ " WHERE id = :id AND status = 'PENDING' RETURNING status")
			.bind("error", text)
			.bind("permanent", permanentIncrement)
			.bind("maxAttempts", maxAttempts)
			.bind("id", id)
			.map((row) -> "FAILED".equals(row.get("status", String.class)))
			.one()
			.defaultIfEmpty(false);
	}

	/**
	 * Rows waiting to be published, rows set aside, and the age of the oldest waiting
	 * row. Scans the unsent rows (sent ones are deleted after the retention).
	 */
	Mono<OutboxBacklog.Counts> backlog() {
		return this.database.sql("SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,"
				+ " count(*) FILTER (WHERE status = 'FAILED') AS failed,"
				+ " COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE status = 'PENDING'))::float8, 0)"
				+ " AS oldest FROM outbox WHERE status <> 'SENT'")
			.map((row) -> new OutboxBacklog.Counts(row.get("pending", Long.class), row.get("failed", Long.class),
					row.get("oldest", Double.class)))
			.one();
	}

	/** Deletes sent rows older than {@code before}. */
	Mono<Long> deleteSentBefore(Instant before) {
		return this.database.sql("DELETE FROM outbox WHERE status = 'SENT' AND sent_at < :before")
			.bind("before", before)
			.fetch()
			.rowsUpdated();
	}

}
