package io.chatscalable.chat.room;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RoomNameTest {

	@Test
	void refusesNamesTheStoreCouldNotKeep() {
		for (String bad : new String[] { "ro\u0000om", "room \ud800", "\ud800room", "room \udc00",
				"\ud83d\ude00\udc00" }) {
			assertThatExceptionOfType(InvalidRoomNameException.class).as(bad)
				.isThrownBy(() -> RoomName.parse(bad))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("unpaired UTF-16 surrogates"));
		}
	}

	@Test
	void keepsNamesWithPairedSurrogates() {
		assertThat(RoomName.parse("  party \ud83c\udf89 ").value()).isEqualTo("party \ud83c\udf89");
	}

}
