package io.chatscalable.chat.typing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypingRateTest {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void onePerRoomAndUserPerInterval() {
		TypingRate rate = new TypingRate(SECOND, 100);

		assertThat(rate.tryPass(7, 1, 0)).isTrue();
		assertThat(rate.tryPass(7, 1, SECOND / 2)).isFalse();
		assertThat(rate.tryPass(7, 2, SECOND / 2)).as("another user").isTrue();
		assertThat(rate.tryPass(8, 1, SECOND / 2)).as("another room").isTrue();
		assertThat(rate.tryPass(7, 1, SECOND)).isTrue();
		assertThat(rate.tryPass(7, 1, SECOND + 1)).isFalse();
	}

	@Test
	void whenFullStalePairsAreForgottenAndOtherwiseNewPairsAreRefused() {
		TypingRate rate = new TypingRate(SECOND, 2);
		rate.tryPass(1, 1, 0);
		rate.tryPass(2, 1, 0);

		assertThat(rate.tryPass(3, 1, SECOND / 2)).isFalse();
		assertThat(rate.tryPass(3, 1, 2 * SECOND)).isTrue();
		assertThat(rate.tracked()).isEqualTo(1);
	}

}
