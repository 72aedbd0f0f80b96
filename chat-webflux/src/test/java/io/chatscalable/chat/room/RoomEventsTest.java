package io.chatscalable.chat.room;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading room events from record values, as the projector and the feed do. */
class RoomEventsTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void readsEachRoomEventWithItsEventId() {
		RoomEvents.Applied<RoomEvent> joined = RoomEvents.read(this.json, envelope(41, "MemberJoined",
				"{\"roomId\":7,\"userId\":3,\"username\":\"bo\",\"joinedAt\":\"2026-01-01T00:00:00Z\"}"));
		RoomEvents.Applied<RoomEvent> left = RoomEvents.read(this.json,
				envelope(42, "MemberLeft", "{\"roomId\":7,\"userId\":3,\"leftAt\":\"2026-01-01T00:00:01Z\"}"));

		assertThat(joined.eventId()).isEqualTo(41);
		assertThat(joined.event()).isEqualTo(new MemberJoined(7, 3, "bo", Instant.parse("2026-01-01T00:00:00Z")));
		assertThat(left.event()).isEqualTo(new MemberLeft(7, 3, Instant.parse("2026-01-01T00:00:01Z")));
	}

	@Test
	void anUnknownTypeIsSkippedAndABrokenPayloadIsPoisoned() {
		assertThat(RoomEvents.read(this.json, envelope(1, "RoomRenamed", "{\"roomId\":7}"))).isNull();
		assertThatThrownBy(() -> RoomEvents.read(this.json, envelope(2, "MemberLeft", "{\"roomId\":\"seven\"}")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static String envelope(long eventId, String type, String payload) {
		return "{\"eventId\":" + eventId + ",\"eventType\":\"" + type
				+ "\",\"aggregateType\":\"room\",\"aggregateId\":\"7\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
				+ "\"payload\":" + payload + "}";
	}

}
