package io.chatscalable.chat.room;

import io.chatscalable.chat.outbox.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/** Reads room events from record values. */
final class RoomEvents {

	private RoomEvents() {
	}

	/**
	 * The room event of a record with its event id, or null for an event type this
	 * version does not know (a newer producer's: skipped, not an error).
	 * @throws IllegalArgumentException when the value is not an envelope (poisoned)
	 */
	static Applied<RoomEvent> read(JsonMapper json, String value) {
		EventEnvelope envelope = EventEnvelope.parse(json, value);
		Class<? extends RoomEvent> type = switch (envelope.eventType()) {
			case RoomCreated.EVENT_TYPE -> RoomCreated.class;
			case MemberJoined.EVENT_TYPE -> MemberJoined.class;
			case MemberLeft.EVENT_TYPE -> MemberLeft.class;
			default -> null;
		};
		if (type == null) {
			return null;
		}
		try {
			return new Applied<>(envelope.eventId(), envelope.payloadAs(json, type));
		}
		catch (RuntimeException ex) {
			// A payload that does not bind is as poisoned as a broken envelope.
			throw new IllegalArgumentException("Unreadable " + envelope.eventType() + ": " + ex.getMessage(), ex);
		}
	}

	record Applied<T>(long eventId, T event) {
	}

}
