package io.chatscalable.chat.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.utils.Utils;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many partitions a topic has, and which partition a key goes to: the producer's
 * default partitioner ({@code murmur2(key) mod partitions}), so a reader can tell which
 * partition holds a room's messages without a record in hand.
 * <p>
 * Read once at start-up, on the main thread (describing a topic blocks), retried while
 * the topic's metadata is not there yet (right after it was created, or next to a broker
 * that has just started). Adding partitions to a topic later moves keys to other
 * partitions, which would break per-room order; it needs a planned migration, never a
 * live change (see docs/architecture.md).
 */
@Component
public class TopicLayout {

	private final Admin admin;

	private final AdminRetry retry;

	private final Map<String, Integer> partitions;

	// Takes the initializer so that topics exist before they are described.
	@Autowired
	TopicLayout(Admin admin, TopicInitializer initializer, List<TopicRequirement> requirements) {
		this(admin, requirements, AdminRetry.defaults());
	}

	TopicLayout(Admin admin, List<TopicRequirement> requirements, AdminRetry retry) {
		this.admin = admin;
		this.retry = retry;
		Map<String, Integer> described = new HashMap<>();
		requirements
			.forEach((requirement) -> requirement.topics().forEach((topic) -> described.put(topic, describe(topic))));
		this.partitions = Map.copyOf(described);
	}

	/** The partition count of a topic this node requires. */
	public int partitions(String topic) {
		Integer count = this.partitions.get(topic);
		if (count == null) {
			throw new IllegalArgumentException("Not a topic this node requires: " + topic);
		}
		return count;
	}

	/** The partition the producer's default partitioner picks for {@code key}. */
	public int partitionFor(String topic, String key) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions(topic);
	}

	private int describe(String topic) {
		return this.retry.call("describe topic " + topic, (timeLeft) -> {
			TopicDescription description = this.admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(timeLeft.toMillis(), TimeUnit.MILLISECONDS)
				.get(topic);
			return description.partitions().size();
		});
	}

}
