package io.chatscalable.chat.infra.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The layout of the topics a node creates comes from configuration: partitions,
 * replication and {@code min.insync.replicas} (3 and 2 in the compose cluster).
 */
class TopicInitializerTest {

	private final Admin admin = mock(Admin.class);

	@Test
	@SuppressWarnings("unchecked")
	void createsMissingTopicsWithTheConfiguredReplicationAndMinInsyncReplicas() {
		ListTopicsResult existing = mock(ListTopicsResult.class);
		when(existing.names()).thenReturn(KafkaFuture.completedFuture(Set.of("chat.users")));
		when(this.admin.listTopics()).thenReturn(existing);
		CreateTopicsResult created = mock(CreateTopicsResult.class);
		when(created.values()).thenReturn(Map.of("chat.messages", KafkaFuture.completedFuture(null)));
		when(this.admin.createTopics(anyCollection())).thenReturn(created);

		new TopicInitializer(this.admin, properties((short) 3, 2), List.of(() -> Set.of("chat.users", "chat.messages")))
			.afterPropertiesSet();

		ArgumentCaptor<Collection<NewTopic>> topics = ArgumentCaptor.forClass(Collection.class);
		verify(this.admin).createTopics(topics.capture());
		assertThat(topics.getValue()).singleElement().satisfies((topic) -> {
			assertThat(topic.name()).isEqualTo("chat.messages");
			assertThat(topic.numPartitions()).isEqualTo(12);
			assertThat(topic.replicationFactor()).isEqualTo((short) 3);
			assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
		});
	}

	@Test
	void refusesMoreInsyncReplicasThanReplicas() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties((short) 2, 3))
			.withMessageContaining("min-insync-replicas");
	}

	private static KafkaProperties properties(short replicationFactor, int minInsyncReplicas) {
		return new KafkaProperties("127.0.0.1:9092", Duration.ofSeconds(3), Duration.ofSeconds(15),
				Duration.ofSeconds(10), new KafkaProperties.Topics("chat.users", "chat.rooms", "chat.messages",
						"chat.messages.dlt", 12, replicationFactor, minInsyncReplicas));
	}

}
