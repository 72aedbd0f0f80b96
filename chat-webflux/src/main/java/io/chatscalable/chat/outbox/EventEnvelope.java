package io.chatscalable.chat.outbox;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON value of every record the relay publishes. {@code eventId} is the outbox row
 * id: it only grows, so a consumer ignores an event whose id is not above the last one it
 * applied to that aggregate.
 *
 * @param eventId the outbox row id
 * @param eventType the event's name, e.g. UserSignedUp
 * @param aggregateType the aggregate kind, e.g. user
 * @param aggregateId the aggregate id (also the record key)
 * @param occurredAt when the transaction wrote it
 * @param payload the event itself
 */
public record EventEnvelope(long eventId, String eventType, String aggregateType, String aggregateId,
		Instant occurredAt, JsonNode payload) {

	static String encode(JsonMapper json, OutboxRow row) {
		ObjectNode envelope = json.createObjectNode();
		envelope.put("eventId", row.id());
		envelope.put("eventType", row.eventType());
		envelope.put("aggregateType", row.aggregateType());
		envelope.put("aggregateId", row.aggregateId());
		envelope.put("occurredAt", row.createdAt().toString());
		envelope.set("payload", json.readTree(row.payload()));
		return json.writeValueAsString(envelope);
	}

	/**
	 * Reads a record value.
	 * @throws IllegalArgumentException when it is not an envelope (a poisoned record:
	 * retrying cannot help)
	 */
	public static EventEnvelope parse(JsonMapper json, String value) {
		try {
			JsonNode node = json.readTree(value);
			JsonNode payload = node.get("payload");
			if (!node.hasNonNull("eventId") || !node.hasNonNull("eventType") || payload == null
					|| !payload.isObject()) {
				throw new IllegalArgumentException("Not an event envelope");
			}
			return new EventEnvelope(node.get("eventId").asLong(), node.get("eventType").asString(),
					node.path("aggregateType").asString(), node.path("aggregateId").asString(),
					Instant.parse(node.path("occurredAt").asString()), payload);
		}
		catch (JacksonException | java.time.format.DateTimeParseException ex) {
			throw new IllegalArgumentException("Not an event envelope: " + ex.getMessage(), ex);
		}
	}

	/** The payload as {@code type}. */
	public <T> T payloadAs(JsonMapper json, Class<T> type) {
		return json.treeToValue(this.payload, type);
	}

}
