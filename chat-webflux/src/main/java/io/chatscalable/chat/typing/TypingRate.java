package io.chatscalable.chat.typing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One typing notice per room and user per interval. Remembers at most {@code maxTracked}
 * pairs: when full, pairs older than the interval are forgotten first; if none is, a new
 * pair is refused (dropping a typing notice is harmless). Thread-safe; never blocks.
 */
final class TypingRate {

	private final long intervalNanos;

	private final int maxTracked;

	private final Map<Key, Long> last = new ConcurrentHashMap<>();

	TypingRate(long intervalNanos, int maxTracked) {
		this.intervalNanos = intervalNanos;
		this.maxTracked = maxTracked;
	}

	/** Whether a notice at {@code nowNanos} passes; remembers it if so. */
	boolean tryPass(long roomId, long userId, long nowNanos) {
		Key key = new Key(roomId, userId);
		if (this.last.size() >= this.maxTracked && !this.last.containsKey(key)) {
			this.last.values().removeIf((at) -> nowNanos - at >= this.intervalNanos);
			if (this.last.size() >= this.maxTracked) {
				return false;
			}
		}
		boolean[] passed = new boolean[1];
		this.last.compute(key, (k, at) -> {
			if (at != null && nowNanos - at < this.intervalNanos) {
				return at;
			}
			passed[0] = true;
			return nowNanos;
		});
		return passed[0];
	}

	int tracked() {
		return this.last.size();
	}

	private record Key(long roomId, long userId) {
	}

}
