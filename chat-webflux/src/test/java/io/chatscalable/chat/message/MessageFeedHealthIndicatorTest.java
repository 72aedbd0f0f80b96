package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.List;

import io.chatscalable.chat.infra.kafka.AssignedPartition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFeedHealthIndicatorTest {

	@Test
	void downUntilTheFeedHasPartitionsThenUp() {
		MessageFeed feed = new MessageFeed(null, null, null, null, List.of(), TestMessageProperties.defaults(),
				new SimpleMeterRegistry());
		MessageFeedHealthIndicator indicator = new MessageFeedHealthIndicator(feed);

		assertThat(health(indicator).getStatus()).isEqualTo(Status.DOWN);

		feed.onAssigned(List.of(partition(0, 42), partition(1, 7)));

		Health health = health(indicator);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("partitions", 2);
		assertThat(feed.reached(0)).isEqualTo(41);
	}

	private static Health health(MessageFeedHealthIndicator indicator) {
		return indicator.health().block(Duration.ofSeconds(5));
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
				// Nothing older to warm the de-duplication window with.
				return position;
			}

			@Override
			public void seek(long offset) {
				throw new AssertionError("A first assignment starts where the consumer is");
			}
		};
	}

}
