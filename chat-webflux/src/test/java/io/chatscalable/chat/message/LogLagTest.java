package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.infra.kafka.AssignedPartition;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.LogOffsets;
import io.chatscalable.chat.monitoring.MonitoringProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The lag gauges from the log's ends, the feed's progress and the store group's offsets.
 */
class LogLagTest {

	private final LogOffsets offsets = mock(LogOffsets.class);

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final MessageFeed feed = new MessageFeed(null, null, null, null, List.of(),
			TestMessageProperties.defaults(), this.meters);

	private final LogLag lag = new LogLag(
			this.offsets, this.feed, new KafkaProperties("127.0.0.1:1", Duration.ofSeconds(3), Duration.ofSeconds(15),
					Duration.ofSeconds(10), new KafkaProperties.Topics("chat.users", "chat.rooms", "chat.messages",
							"chat.messages.dlt", 3, (short) 1, 1)),
			new MonitoringProperties(Duration.ofSeconds(15)), this.meters);

	@Test
	void feedLagIsWhatTheFeedHasNotBegunToDeliverAndStoreLagWhatTheGroupHasNotCommitted() {
		// The feed was assigned partitions 0 and 1 at offsets 10 and 5 (reached 9 and 4);
		// partition 2 is not assigned to it yet.
		this.feed.onAssigned(List.of(partition(0, 10), partition(1, 5)));
		when(this.offsets.ends("chat.messages")).thenReturn(Mono.just(Map.of(0, 15L, 1, 5L, 2, 4L)));
		// The store group committed partitions 0 and 2; never partition 1.
		when(this.offsets.committed("chat-message-store", "chat.messages"))
			.thenReturn(Mono.just(Map.of(0, 12L, 2, 4L)));
		when(this.offsets.ends("chat.messages.dlt")).thenReturn(Mono.just(Map.of(0, 2L, 1, 0L, 2, 1L)));

		this.lag.refresh().block(Duration.ofSeconds(5));

		// (15 - 1 - 9) + (5 - 1 - 4); partition 2 does not count.
		assertThat(gauge("chat.feed.lag")).isEqualTo(5);
		// (15 - 12) + (5 - 0) + (4 - 4)
		assertThat(gauge("chat.store.lag")).isEqualTo(8);
		assertThat(gauge("chat.messages.dead.letters")).isEqualTo(3);
	}

	@Test
	void aFailedRefreshKeepsTheLastValues() {
		this.feed.onAssigned(List.of(partition(0, 10)));
		when(this.offsets.ends("chat.messages")).thenReturn(Mono.just(Map.of(0, 20L)));
		when(this.offsets.committed("chat-message-store", "chat.messages")).thenReturn(Mono.just(Map.of(0, 20L)));
		when(this.offsets.ends("chat.messages.dlt")).thenReturn(Mono.just(Map.of(0, 0L)));
		this.lag.refresh().block(Duration.ofSeconds(5));
		assertThat(gauge("chat.feed.lag")).isEqualTo(10);

		when(this.offsets.ends("chat.messages")).thenReturn(Mono.error(new IllegalStateException("broker gone")));
		this.lag.refresh().onErrorComplete().block(Duration.ofSeconds(5));

		assertThat(gauge("chat.feed.lag")).isEqualTo(10);
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private static AssignedPartition partition(int partition, long position) {
		return new AssignedPartition() {
			@Override
			public String topic() {
				return "chat.messages";
			}

			@Override
			public int partition() {
				return partition;
			}

			@Override
			public long position() {
				return position;
			}

			@Override
			public long beginningOffset() {
				return position;
			}

			@Override
			public void seek(long offset) {
				throw new AssertionError("A first assignment starts where the consumer is");
			}
		};
	}

}
