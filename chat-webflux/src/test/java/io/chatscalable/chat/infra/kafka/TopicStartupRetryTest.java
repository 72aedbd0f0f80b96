package io.chatscalable.chat.infra.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Start-up against a cluster whose metadata lags: describing and creating topics retry
 * retriable errors within a bounded time, and give up at once on any other.
 */
class TopicStartupRetryTest {

	private static final String TOPIC = "chat.messages";

	private static final AdminRetry FAST = new AdminRetry(Duration.ofSeconds(5), Duration.ofMillis(1),
			Duration.ofMillis(4));

	private final Admin admin = mock(Admin.class);

	@Test
	void describingATopicRetriesUntilItsMetadataIsThere() {
		DescribeTopicsResult unknown = describeResult(failed(new UnknownTopicOrPartitionException("not yet")));
		DescribeTopicsResult described = describeResult(
				KafkaFuture.completedFuture(Map.of(TOPIC, description(TOPIC, 6))));
		when(this.admin.describeTopics(anyCollection())).thenReturn(unknown, unknown, described);

		TopicLayout layout = new TopicLayout(this.admin, List.of(() -> Set.of(TOPIC)), FAST);

		assertThat(layout.partitions(TOPIC)).isEqualTo(6);
		verify(this.admin, times(3)).describeTopics(anyCollection());
	}

	@Test
	void describingGivesUpOnceTheDeadlinePasses() {
		AdminRetry shortDeadline = new AdminRetry(Duration.ofMillis(50), Duration.ofMillis(1), Duration.ofMillis(4));
		DescribeTopicsResult unknown = describeResult(failed(new UnknownTopicOrPartitionException("never")));
		when(this.admin.describeTopics(anyCollection())).thenReturn(unknown);

		assertThatIllegalStateException()
			.isThrownBy(() -> new TopicLayout(this.admin, List.of(() -> Set.of(TOPIC)), shortDeadline))
			.withMessageContaining("describe topic " + TOPIC)
			.withCauseInstanceOf(UnknownTopicOrPartitionException.class);
	}

	@Test
	void creatingATopicRetriesRetriableErrorsAndNotOthers() {
		ListTopicsResult none = mock(ListTopicsResult.class);
		when(none.names()).thenReturn(KafkaFuture.completedFuture(Set.of()));
		when(this.admin.listTopics()).thenReturn(none);
		CreateTopicsResult unknown = createResult(failed(new UnknownTopicOrPartitionException("not yet")));
		CreateTopicsResult created = createResult(KafkaFuture.completedFuture(null));
		when(this.admin.createTopics(anyCollection())).thenReturn(unknown, unknown, created);

		new TopicInitializer(this.admin, properties(), List.of(() -> Set.of(TOPIC)), FAST).afterPropertiesSet();

		verify(this.admin, times(3)).createTopics(anyCollection());

		CreateTopicsResult refused = createResult(failed(new TopicAuthorizationException("no")));
		when(this.admin.createTopics(anyCollection())).thenReturn(refused);
		assertThatIllegalStateException()
			.isThrownBy(() -> new TopicInitializer(this.admin, properties(), List.of(() -> Set.of(TOPIC)), FAST)
				.afterPropertiesSet())
			.withCauseInstanceOf(TopicAuthorizationException.class);
		verify(this.admin, times(4)).createTopics(anyCollection());
	}

	private static <T> KafkaFuture<T> failed(Throwable error) {
		KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
		future.completeExceptionally(error);
		return future;
	}

	private static DescribeTopicsResult describeResult(KafkaFuture<Map<String, TopicDescription>> names) {
		DescribeTopicsResult result = mock(DescribeTopicsResult.class);
		when(result.allTopicNames()).thenReturn(names);
		return result;
	}

	private static CreateTopicsResult createResult(KafkaFuture<Void> future) {
		CreateTopicsResult result = mock(CreateTopicsResult.class);
		when(result.values()).thenReturn(Map.of(TOPIC, future));
		return result;
	}

	private static TopicDescription description(String topic, int partitions) {
		Node node = new Node(1, "127.0.0.1", 9092);
		List<TopicPartitionInfo> infos = new java.util.ArrayList<>();
		for (int i = 0; i < partitions; i++) {
			infos.add(new TopicPartitionInfo(i, node, List.of(node), List.of(node)));
		}
		return new TopicDescription(topic, false, infos);
	}

	private static KafkaProperties properties() {
		return new KafkaProperties("127.0.0.1:9092", Duration.ofSeconds(3), Duration.ofSeconds(15),
				Duration.ofSeconds(10),
				new KafkaProperties.Topics("chat.users", "chat.rooms", TOPIC, "chat.messages.dlt", 6, (short) 1, 1));
	}

}
