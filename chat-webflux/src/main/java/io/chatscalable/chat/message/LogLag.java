package io.chatscalable.chat.message;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.LogOffsets;
import io.chatscalable.chat.monitoring.MonitoringProperties;
import io.chatscalable.chat.monitoring.PeriodicGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * How far behind the chat-message log this node's fan-out feed and the message store are,
 * and how many records the dead-letter topic holds: gauges refreshed every
 * {@code chat.monitoring.poll-interval} from the log's ends (one admin request for each
 * topic and one for the store group's offsets; no broker round trip on any chat path).
 * <ul>
 * <li>{@code chat.feed.lag}: records of the assigned partitions this node's feed has not
 * begun to deliver (end - 1 - reached, summed); sockets on this node see messages that
 * much late.</li>
 * <li>{@code chat.store.lag}: records the {@code chat-message-store} group has not
 * committed (end - committed, summed); recovery reads them from Kafka meanwhile. Every
 * node reports the same group's lag.</li>
 * <li>{@code chat.messages.dead.letters}: records in the dead-letter topic (sum of its
 * partitions' ends), waiting for {@code ./replay-dead-letters}.</li>
 * </ul>
 * The values are those of the last refresh that succeeded (0 before the first).
 */
@Component
class LogLag extends PeriodicGauges {

	private final LogOffsets offsets;

	private final MessageFeed feed;

	private final String topic;

	private final String deadLetterTopic;

	private final AtomicLong feedLag = new AtomicLong();

	private final AtomicLong storeLag = new AtomicLong();

	private final AtomicLong deadLetters = new AtomicLong();

	LogLag(LogOffsets offsets, MessageFeed feed, KafkaProperties kafka, MonitoringProperties properties,
			MeterRegistry meters) {
		super("log lag", properties);
		this.offsets = offsets;
		this.feed = feed;
		this.topic = kafka.topics().messages();
		this.deadLetterTopic = kafka.topics().messagesDeadLetter();
		Gauge.builder("chat.feed.lag", this.feedLag, AtomicLong::get)
			.description("Chat records in Kafka that this node's fan-out feed has not delivered yet")
			.register(meters);
		Gauge.builder("chat.store.lag", this.storeLag, AtomicLong::get)
			.description("Chat records in Kafka that the message store group has not stored and committed yet")
			.register(meters);
		Gauge.builder("chat.messages.dead.letters", this.deadLetters, AtomicLong::get)
			.description("Records in the chat-message dead-letter topic")
			.register(meters);
	}

	/** One refresh of the three gauges. */
	@Override
	protected Mono<Void> refresh() {
		Mono<Map<Integer, Long>> ends = this.offsets.ends(this.topic);
		Mono<Map<Integer, Long>> committed = this.offsets.committed(MessageStore.GROUP_ID, this.topic);
		Mono<Map<Integer, Long>> deadEnds = this.offsets.ends(this.deadLetterTopic);
		return Mono.zip(ends, committed, deadEnds).doOnNext((answer) -> {
			this.feedLag.set(feedLag(answer.getT1()));
			this.storeLag.set(storeLag(answer.getT1(), answer.getT2()));
			this.deadLetters.set(answer.getT3().values().stream().mapToLong(Long::longValue).sum());
		}).then();
	}

	private long feedLag(Map<Integer, Long> ends) {
		long lag = 0;
		for (Map.Entry<Integer, Long> end : ends.entrySet()) {
			Long reached = this.feed.reached(end.getKey());
			if (reached != null) {
				lag += Math.max(0, end.getValue() - 1 - reached);
			}
		}
		return lag;
	}

	private static long storeLag(Map<Integer, Long> ends, Map<Integer, Long> committed) {
		long lag = 0;
		for (Map.Entry<Integer, Long> end : ends.entrySet()) {
			lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
		}
		return lag;
	}

}
