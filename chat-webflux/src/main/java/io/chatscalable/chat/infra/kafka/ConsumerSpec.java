package io.chatscalable.chat.infra.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * One consumer loop.
 *
 * @param groupId the consumer group
 * @param topics the topics
 * @param fanOut true for a node-local fan-out consumer (random group, starts at the end,
 * never commits); false for a load-balanced group that starts at the earliest uncommitted
 * record and commits after handling
 * @param maxAttempts how often one record is tried before {@link RecordHandler#exhausted}
 * decides
 * @param firstBackoff the wait before the first retry; doubles up to {@code maxBackoff}
 * @param maxBackoff the longest wait between retries
 */
public record ConsumerSpec(String groupId, Collection<String> topics, boolean fanOut, int maxAttempts,
		Duration firstBackoff, Duration maxBackoff) {

	/**
	 * A load-balanced group: every record handled by one member, at least once, offsets
	 * committed after handling.
	 */
	public static ConsumerSpec loadBalanced(String groupId, Collection<String> topics) {
		return new ConsumerSpec(groupId, List.copyOf(topics), false, 8, Duration.ofMillis(100), Duration.ofSeconds(5));
	}

	/**
	 * A fan-out consumer: its own random group, so this node sees every record produced
	 * from now on.
	 */
	public static ConsumerSpec fanOut(String purpose, String nodeId, Collection<String> topics) {
		return new ConsumerSpec(purpose + "-" + nodeId + "-" + UUID.randomUUID(), List.copyOf(topics), true, 3,
				Duration.ofMillis(50), Duration.ofSeconds(1));
	}

}
