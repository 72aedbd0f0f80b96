package io.chatscalable.chat.room;

import io.chatscalable.chat.outbox.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/** Reads room events from record values. */
final class RoomEvents {

	private RoomEvents() {
	}

	/**
	 * The RoomCreated event of a record with its event id, or null for another event
	 * type.
	 */
	static Applied<RoomCreated> roomCreated(JsonMapper json, String value) {
		EventEnvelope envelope = EventEnvelope.parse(json, value);
		if (!RoomCreated.EVENT_TYPE.equals(envelope.eventType())) {
			return null;
		}
		return new Applied<>(envelope.eventId(), envelope.payloadAs(json, RoomCreated.class));
	}

	record Applied<T>(long eventId, T event) {
	}

}
