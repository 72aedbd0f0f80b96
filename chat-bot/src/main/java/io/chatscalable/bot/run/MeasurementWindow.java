package io.chatscalable.bot.run;

import java.util.function.LongPredicate;

/**
 * The measured window in {@link System#nanoTime()} terms, set when sending starts.
 */
final class MeasurementWindow implements LongPredicate {

	private volatile long start = Long.MAX_VALUE;

	private volatile long end = Long.MAX_VALUE;

	void open(long startNanos, long endNanos) {
		this.end = endNanos;
		this.start = startNanos;
	}

	long start() {
		return this.start;
	}

	long end() {
		return this.end;
	}

	@Override
	public boolean test(long nanos) {
		// Differences, not comparisons: nanoTime may be negative or wrap.
		return nanos - this.start >= 0 && nanos - this.end < 0 && this.start != Long.MAX_VALUE;
	}

}
