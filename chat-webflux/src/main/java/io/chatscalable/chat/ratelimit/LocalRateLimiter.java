package io.chatscalable.chat.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters in this node's memory: the fallback of {@link RateLimiter} when
 * Redis does not answer. Holds at most {@code maxKeys} counters: when full, the expired
 * ones are dropped; if it is still full, a new key passes unchecked (counted by the
 * caller), because refusing every newcomer would let one flood of distinct keys lock
 * everybody out.
 */
final class LocalRateLimiter {

	private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

	private final int maxKeys;

	LocalRateLimiter(int maxKeys) {
		this.maxKeys = maxKeys;
	}

	/**
	 * Counts one request of {@code key}; the time until its window ends when over the
	 * rate, null when admitted.
	 */
	Duration acquire(String key, Rate rate, long now) {
		if (this.windows.size() >= this.maxKeys && !this.windows.containsKey(key)) {
			this.windows.values().removeIf((window) -> window.endsBy(now));
			if (this.windows.size() >= this.maxKeys) {
				return null;
			}
		}
		Window window = this.windows.compute(key, (k, current) -> (current == null || current.endsBy(now))
				? new Window(now + rate.window().toNanos(), 1) : current.plusOne());
		if (window.count() <= rate.requests()) {
			return null;
		}
		return Duration.ofNanos(window.end() - now);
	}

	int size() {
		return this.windows.size();
	}

	private record Window(long end, int count) {

		boolean endsBy(long now) {
			return now - this.end >= 0;
		}

		Window plusOne() {
			return new Window(this.end, (this.count == Integer.MAX_VALUE) ? this.count : this.count + 1);
		}

	}

}
