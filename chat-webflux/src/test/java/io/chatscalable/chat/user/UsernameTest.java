package io.chatscalable.chat.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Usernames are ASCII by their pattern, so nothing the store could not keep (U+0000,
 * unpaired surrogates) passes.
 */
class UsernameTest {

	@Test
	void refusesNulAndSurrogates() {
		for (String bad : new String[] { "ali\u0000ce", "alice\u0000", "alice\ud800", "\udc00alice",
				"alice\ud83d\ude00" }) {
			assertThatExceptionOfType(InvalidUsernameException.class).as(bad).isThrownBy(() -> Username.parse(bad));
		}
	}

	@Test
	void acceptsTheDocumentedAlphabet() {
		assertThat(Username.parse("Alice_1.b-c").canonical()).isEqualTo("alice_1.b-c");
	}

}
