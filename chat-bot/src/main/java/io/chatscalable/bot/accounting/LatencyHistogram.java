package io.chatscalable.bot.accounting;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram in microseconds with log-linear buckets: exact below 128
 * µs, then 64 buckets per power of two (under 1.6 % error), up to about 12 days.
 * Percentiles answer the highest value of their bucket, so they never understate.
 */
public final class LatencyHistogram {

	private static final int LINEAR = 128;

	private static final int SUB_BITS = 6;

	private static final int SUB_BUCKETS = 1 << SUB_BITS;

	private static final int MAX_EXPONENT = 40;

	private static final int BUCKETS = LINEAR + (MAX_EXPONENT - SUB_BITS) * SUB_BUCKETS;

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

	private final AtomicLong count = new AtomicLong();

	private final AtomicLong sumMicros = new AtomicLong();

	private final AtomicLong maxMicros = new AtomicLong();

	/** Records a latency given in nanoseconds; negative values count as 0. */
	public void recordNanos(long nanos) {
		long micros = Math.max(0, nanos / 1000);
		this.counts.incrementAndGet(bucketOf(micros));
		this.count.incrementAndGet();
		this.sumMicros.addAndGet(micros);
		this.maxMicros.accumulateAndGet(micros, Math::max);
	}

	public long count() {
		return this.count.get();
	}

	/** The largest value recorded, in milliseconds. */
	public double maxMillis() {
		return this.maxMicros.get() / 1000.0;
	}

	/** The mean, in milliseconds; 0 when empty. */
	public double meanMillis() {
		long n = this.count.get();
		return (n == 0) ? 0 : this.sumMicros.get() / 1000.0 / n;
	}

	/**
	 * The value at {@code percentile} (0-100], in milliseconds; 0 when empty.
	 */
	public double percentileMillis(double percentile) {
		long total = this.count.get();
		if (total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
		long seen = 0;
		for (int bucket = 0; bucket < BUCKETS; bucket++) {
			seen += this.counts.get(bucket);
			if (seen >= rank) {
				return Math.min(highestValueOf(bucket), this.maxMicros.get()) / 1000.0;
			}
		}
		return maxMillis();
	}

	/** A summary for reports. */
	public Percentiles percentiles() {
		return new Percentiles(count(), percentileMillis(50), percentileMillis(90), percentileMillis(99),
				percentileMillis(99.9), maxMillis(), meanMillis());
	}

	static int bucketOf(long micros) {
		if (micros < LINEAR) {
			return (int) micros;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(micros);
		if (exponent >= MAX_EXPONENT) {
			return BUCKETS - 1;
		}
		int sub = (int) ((micros >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1));
		return LINEAR + (exponent - SUB_BITS - 1) * SUB_BUCKETS + sub;
	}

	static long highestValueOf(int bucket) {
		if (bucket < LINEAR) {
			return bucket;
		}
		int exponent = (bucket - LINEAR) / SUB_BUCKETS + SUB_BITS + 1;
		int sub = (bucket - LINEAR) % SUB_BUCKETS;
		return ((long) (SUB_BUCKETS + sub + 1) << (exponent - SUB_BITS)) - 1;
	}

	/**
	 * Latency percentiles in milliseconds.
	 *
	 * @param count values recorded
	 * @param p50 median
	 * @param p90 90th percentile
	 * @param p99 99th percentile
	 * @param p999 99.9th percentile
	 * @param max largest
	 * @param mean mean
	 */
	public record Percentiles(long count, double p50, double p90, double p99, double p999, double max, double mean) {
	}

}
