package io.chatscalable.chat.myrooms;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomListCursorTest {

	@Test
	void roundTripsAtMicrosecondPrecision() {
		RoomListCursor cursor = new RoomListCursor(Instant.parse("2025-06-01T12:30:00.123456Z"), 42);

		assertThat(RoomListCursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@Test
	void refusesWhatItDidNotHandOut() {
		for (String bad : new String[] { "nonsense", "", "MTIz", "Ojc", "MTI6MA", "x".repeat(100) }) {
			assertThatThrownBy(() -> RoomListCursor.decode(bad)).as(bad)
				.isInstanceOf(RoomListCursor.InvalidCursorException.class);
		}
	}

}
