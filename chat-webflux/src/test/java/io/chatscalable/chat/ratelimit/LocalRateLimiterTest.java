package io.chatscalable.chat.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRateLimiterTest {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	@Test
	void admitsTheRatePerWindowThenRefusesWithTheTimeLeftUntilTheWindowEnds() {
		LocalRateLimiter limiter = new LocalRateLimiter(100);
		Rate rate = Rate.parse("3/10s");
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.acquire("a", rate, i * SECOND)).isNull();
		}
		assertThat(limiter.acquire("a", rate, 4 * SECOND)).isEqualTo(Duration.ofSeconds(6));
		// Another key has its own count.
		assertThat(limiter.acquire("b", rate, 4 * SECOND)).isNull();
		// A new window admits again.
		assertThat(limiter.acquire("a", rate, 10 * SECOND)).isNull();
	}

	@Test
	void aFullTableDropsExpiredWindowsAndLetsNewKeysPassRatherThanGrow() {
		LocalRateLimiter limiter = new LocalRateLimiter(2);
		Rate rate = Rate.parse("1/1s");
		limiter.acquire("a", rate, 0);
		limiter.acquire("b", rate, 0);
		// Full of live windows: a newcomer passes unchecked, and is not stored.
		assertThat(limiter.acquire("c", rate, 1)).isNull();
		assertThat(limiter.acquire("c", rate, 2)).isNull();
		assertThat(limiter.size()).isEqualTo(2);
		// Once they expired, they make room.
		assertThat(limiter.acquire("d", rate, 2 * SECOND)).isNull();
		assertThat(limiter.acquire("d", rate, 2 * SECOND)).isNotNull();
		assertThat(limiter.size()).isEqualTo(1);
	}

	@Test
	void ratesParseAndRefuseNonsense() {
		assertThat(Rate.parse("30/1m")).isEqualTo(new Rate(30, Duration.ofMinutes(1)));
		assertThat(Rate.parse("5/500ms").window()).isEqualTo(Duration.ofMillis(500));
		for (String bad : new String[] { "30", "0/1m", "30/1x", "30/2h", "/1m" }) {
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rate.parse(bad))
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

}
