package io.chatscalable.bot.socket;

import java.time.Duration;

/** Waits between retries: 50 ms doubling up to 1 s. */
final class Backoff {

	private static final Duration FIRST = Duration.ofMillis(50);

	private static final Duration MAX = Duration.ofSeconds(1);

	private Backoff() {
	}

	/** The wait after the {@code attempt}-th failure (1 for the first). */
	static Duration after(int attempt) {
		Duration wait = FIRST.multipliedBy(1L << Math.min(attempt, 10));
		return (wait.compareTo(MAX) <= 0) ? wait : MAX;
	}

}
