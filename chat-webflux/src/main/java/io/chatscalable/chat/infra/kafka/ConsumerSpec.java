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
 * @param fetchMinBytes the least data a fetch waits for ({@code fetch.min.bytes})
 * @param fetchMaxWait the longest a fetch waits for it ({@code fetch.max.wait.ms})
 */
public record ConsumerSpec(String groupId, Collection<String> topics, boolean fanOut, int maxAttempts,
		Duration firstBackoff, Duration maxBackoff, int fetchMinBytes, Duration fetchMaxWait) {

	/** Fetch what is there at once: for consumers whose latency users see. */
	private static final int IMMEDIATE_MIN_BYTES = 1;

	/**
	 * A batch consumer's fetch waits for this much data, or {@link #BATCH_WAIT}: a few
	 * hundred chat messages, so that they share one transaction.
	 */
	private static final int BATCH_MIN_BYTES = 64 * 1024;

	private static final Duration BATCH_WAIT = Duration.ofMillis(50);

	private static final Duration DEFAULT_WAIT = Duration.ofMillis(500);

	/**
	 * A load-balanced group: every record handled by one member, at least once, offsets
	 * committed after handling.
	 */
	public static ConsumerSpec loadBalanced(String groupId, Collection<String> topics) {
		return new ConsumerSpec(groupId, List.copyOf(topics), false, 8, Duration.ofMillis(100), Duration.ofSeconds(5),
				IMMEDIATE_MIN_BYTES, DEFAULT_WAIT);
	}

	/**
	 * A load-balanced group that handles whole polls and gains from larger ones: a fetch
	 * waits up to 50 ms for 64 KiB. Under load that turns hundreds of tiny fetches and
	 * transactions per second into a few large ones; when idle it adds at most 50 ms.
	 */
	public static ConsumerSpec batched(String groupId, Collection<String> topics) {
		return new ConsumerSpec(groupId, List.copyOf(topics), false, 8, Duration.ofMillis(100), Duration.ofSeconds(5),
				BATCH_MIN_BYTES, BATCH_WAIT);
	}

	/**
	 * A fan-out consumer: its own random group, so this node sees every record produced
	 * from now on.
	 */
	public static ConsumerSpec fanOut(String purpose, String nodeId, Collection<String> topics) {
		return new ConsumerSpec(purpose + "-" + nodeId + "-" + UUID.randomUUID(), List.copyOf(topics), true, 3,
				Duration.ofMillis(50), Duration.ofSeconds(1), IMMEDIATE_MIN_BYTES, DEFAULT_WAIT);
	}

}
