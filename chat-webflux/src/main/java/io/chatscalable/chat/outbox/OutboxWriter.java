package io.chatscalable.chat.outbox;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Appends events to the outbox. Call it inside the transaction that writes the entity:
 * both commit or neither does, and nothing is published to Kafka inside the request.
 */
@Component
public class OutboxWriter {

	private final DatabaseClient database;

	private final JsonMapper json;

	OutboxWriter(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	/** Appends {@code message}; emits the row id. */
	public Mono<Long> append(OutboxMessage message) {
		return Mono.fromCallable(() -> Json.of(this.json.writeValueAsString(message.payload())))
			.flatMap((payload) -> this.database
				.sql("INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload)"
						+ " VALUES (:aggregateType, :aggregateId, :eventType, :payload) RETURNING id")
				.bind("aggregateType", message.aggregateType())
				.bind("aggregateId", message.aggregateId())
				.bind("eventType", message.eventType())
				.bind("payload", payload)
				.map((row) -> row.get("id", Long.class))
				.one());
	}

}
