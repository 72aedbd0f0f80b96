package io.chatscalable.chat.infra.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Where topics end and where consumer groups stand, per partition, read through the
 * shared admin client without blocking (for lag gauges). Ends are read as a
 * {@code read_committed} consumer sees them (the last stable offset), like every consumer
 * of the node.
 */
@Component
public class LogOffsets {

	private final Admin admin;

	private final TopicLayout layout;

	LogOffsets(Admin admin, TopicLayout layout) {
		this.admin = admin;
		this.layout = layout;
	}

	/** Partition -> the offset the next record of {@code topic} will get. */
	public Mono<Map<Integer, Long>> ends(String topic) {
		Map<TopicPartition, OffsetSpec> request = partitions(topic).stream()
			.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
		return Mono
			.fromCompletionStage(
					() -> this.admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
						.all()
						.toCompletionStage())
			.map((answer) -> {
				Map<Integer, Long> ends = new HashMap<>();
				answer.forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
				return ends;
			});
	}

	/**
	 * Partition -> the offset {@code group} committed on {@code topic}; a partition the
	 * group never committed is missing.
	 */
	public Mono<Map<Integer, Long>> committed(String group, String topic) {
		return Mono.fromCompletionStage(
				() -> this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().toCompletionStage())
			.map((answer) -> {
				Map<Integer, Long> committed = new HashMap<>();
				answer.forEach((partition, offset) -> {
					if (partition.topic().equals(topic) && offset != null) {
						committed.put(partition.partition(), offsetOf(offset));
					}
				});
				return committed;
			});
	}

	private static long offsetOf(OffsetAndMetadata offset) {
		return offset.offset();
	}

	private List<TopicPartition> partitions(String topic) {
		return IntStream.range(0, this.layout.partitions(topic))
			.mapToObj((partition) -> new TopicPartition(topic, partition))
			.toList();
	}

}
