package io.chatscalable.bot.accounting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

	@Test
	void percentilesOfAUniformSpreadAreWithinTheBucketError() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int millis = 1; millis <= 1000; millis++) {
			histogram.recordNanos(millis * 1_000_000L);
		}
		assertThat(histogram.count()).isEqualTo(1000);
		assertThat(histogram.percentileMillis(50)).isCloseTo(500, within(500 * 0.016));
		assertThat(histogram.percentileMillis(99)).isCloseTo(990, within(990 * 0.016));
		assertThat(histogram.percentileMillis(50)).isGreaterThanOrEqualTo(500);
		assertThat(histogram.maxMillis()).isEqualTo(1000);
		assertThat(histogram.percentileMillis(100)).isEqualTo(1000);
		assertThat(histogram.meanMillis()).isCloseTo(500.5, within(0.01));
	}

	@Test
	void smallValuesAreExact() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.recordNanos(57_000);
		assertThat(histogram.percentileMillis(50)).isEqualTo(0.057);
	}

	@Test
	void bucketsCoverEveryValueAndNeverUnderstate() {
		for (long micros = 0; micros < 5_000_000; micros += 997) {
			int bucket = LatencyHistogram.bucketOf(micros);
			assertThat(LatencyHistogram.highestValueOf(bucket)).isGreaterThanOrEqualTo(micros)
				.isLessThanOrEqualTo(Math.max(micros, (long) (micros * 1.016) + 1));
		}
		assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isPositive();
	}

	@Test
	void anEmptyHistogramAnswersZero() {
		assertThat(new LatencyHistogram().percentiles().p99()).isZero();
	}

}
