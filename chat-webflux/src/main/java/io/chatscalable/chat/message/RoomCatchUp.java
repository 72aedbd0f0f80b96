package io.chatscalable.chat.message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.PartitionReader;
import io.chatscalable.chat.infra.kafka.TopicLayout;
import io.chatscalable.chat.message.MessageRepository.StoredGap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The catch-up of a socket that joins a room with the last position its client saw: the
 * one place that knows the room's partition, how far this node's feed got (the seam), and
 * the two sources of what was missed.
 * <p>
 * <b>The seam.</b> The caller subscribes the socket to the room first. Then {@code R},
 * the highest offset of the room's partition whose delivery this node's feed has begun,
 * splits the room's messages in two: those above {@code R} reach the socket live, those
 * in ({@code lastSeen}, {@code R}] are the catch-up. Nothing above {@code R} is ever read
 * here, so nothing is sent twice however far the database is ahead of the feed.
 * <p>
 * <b>The sources.</b> One statement asks PostgreSQL for the room's stored messages of the
 * gap and how far the store got ({@code S}: every stored message is below it). What is at
 * or above {@code S} is not stored yet (the store lags, or a store member just died), so
 * it is read from Kafka, the log: the room's partition from {@code max(lastSeen + 1, S)}
 * to {@code R}, keeping the room's records. When PostgreSQL does not answer within
 * {@code database-timeout} the whole gap is read from the log. Copies of a message (a
 * re-send that reached Kafka twice) are dropped as the feed drops them. The answer is
 * UNAVAILABLE only when neither source can supply the gap in time: the database is down
 * or behind and the log cannot be read (Kafka down, the gap wider than
 * {@code max-log-records}, or records gone by retention).
 */
@Service
public class RoomCatchUp {

	private static final Logger log = LoggerFactory.getLogger(RoomCatchUp.class);

	/** Where a recovery's messages came from: the {@code source} tag of chat.recovery. */
	private static final List<String> SOURCES = List.of("none", "database", "log", "database-and-log");

	private final MessageRepository repository;

	private final PartitionReader reader;

	private final MessageFeed feed;

	private final MessageRecords records;

	private final TopicLayout layout;

	private final String topic;

	private final MessageProperties.Recovery properties;

	private final MeterRegistry meters;

	RoomCatchUp(MessageRepository repository, PartitionReader reader, MessageFeed feed, MessageRecords records,
			TopicLayout layout, KafkaProperties kafka, MessageProperties properties, MeterRegistry meters) {
		this.repository = repository;
		this.reader = reader;
		this.feed = feed;
		this.records = records;
		this.layout = layout;
		this.topic = kafka.topics().messages();
		this.properties = properties.recovery();
		this.meters = meters;
		// Registered up front, so that dashboards show 0 for an outcome that never
		// occurred.
		for (Recovery.Result result : List.of(Recovery.Result.RECOVERED, Recovery.Result.TOO_OLD,
				Recovery.Result.UNAVAILABLE)) {
			for (String source : SOURCES) {
				recoveries(result, source);
			}
		}
	}

	/**
	 * The messages of the room after {@code lastSeen} that a socket, subscribed to the
	 * room on this node before this call, will not get live; NONE when {@code lastSeen}
	 * is null. Never fails: what cannot be answered is UNAVAILABLE.
	 */
	public Mono<Recovery> recover(long roomId, Long lastSeen) {
		if (lastSeen == null) {
			return Mono.just(Recovery.none());
		}
		int partition = this.layout.partitionFor(this.topic, Long.toString(roomId));
		Long reached = this.feed.reached(partition);
		if (reached == null) {
			// The feed has no partitions yet (a node starting): there is no seam.
			return Mono.just(count(Recovery.unavailable(), "none"));
		}
		if (lastSeen >= reached) {
			return Mono.just(count(Recovery.recovered(List.of()), "none"));
		}
		Gap gap = new Gap(roomId, partition, lastSeen, reached);
		return Mono.defer(() -> fromDatabase(gap))
			.flatMap((stored) -> complete(gap, stored))
			.timeout(this.properties.timeout())
			.onErrorResume((ex) -> {
				log.warn("Could not recover room {} after {} up to {}: {}", roomId, lastSeen, reached, ex.toString());
				return Mono.just(count(Recovery.unavailable(), "none"));
			});
	}

	/** The database's part, or an empty one (nothing stored) when it does not answer. */
	private Mono<StoredGap> fromDatabase(Gap gap) {
		return this.repository
			.gap(this.topic, gap.partition(), gap.roomId(), gap.lastSeen(), gap.reached(),
					this.properties.maxMessages() + 1)
			.timeout(this.properties.databaseTimeout())
			// Fail over to the log: PostgreSQL is not needed to catch up, only faster.
			.onErrorResume((ex) -> {
				log.debug("Recovery of room {} reads the log: the database failed: {}", gap.roomId(), ex.toString());
				return Mono.just(new StoredGap(0L, List.of()));
			});
	}

	private Mono<Recovery> complete(Gap gap, StoredGap stored) {
		int max = this.properties.maxMessages();
		if (stored.messages().size() > max) {
			return Mono.just(count(Recovery.tooOld(), "database"));
		}
		long logFrom = Math.max(gap.lastSeen() + 1, stored.storedTo());
		if (logFrom > gap.reached()) {
			return Mono.just(count(Recovery.recovered(stored.messages()), "database"));
		}
		if (gap.reached() - logFrom + 1 > this.properties.maxLogRecords()) {
			log.warn("Recovery of room {}: {} records of partition {} are not stored yet, more than max-log-records",
					gap.roomId(), gap.reached() - logFrom + 1, gap.partition());
			return Mono.just(count(Recovery.unavailable(), "none"));
		}
		int limit = max + 1 - stored.messages().size();
		return this.reader
			.read(this.topic, gap.partition(), logFrom, gap.reached(), Long.toString(gap.roomId()), limit,
					this.properties.timeout())
			.map((logged) -> merge(gap, stored.messages(), logged));
	}

	/** The stored messages, then the logged ones not already shown or stored. */
	private Recovery merge(Gap gap, List<DeliveredMessage> stored, List<IncomingRecord> logged) {
		List<DeliveredMessage> missed = new ArrayList<>(stored);
		Set<String> ids = new HashSet<>();
		stored.forEach((message) -> ids.add(message.message().messageId()));
		for (IncomingRecord record : logged) {
			ChatMessage message;
			try {
				message = this.records.read(record.value());
			}
			catch (InvalidMessageException ex) {
				// The feed does not deliver it either.
				continue;
			}
			Long first = this.feed.firstPosition(gap.partition(), message.messageId());
			boolean copy = (first != null && first < record.offset()) || !ids.add(message.messageId());
			if (!copy) {
				missed.add(new DeliveredMessage(message, record.offset()));
			}
		}
		if (missed.size() > this.properties.maxMessages()) {
			return count(Recovery.tooOld(), stored.isEmpty() ? "log" : "database-and-log");
		}
		return count(Recovery.recovered(missed), stored.isEmpty() ? "log" : "database-and-log");
	}

	private Recovery count(Recovery recovery, String source) {
		recoveries(recovery.result(), source).increment();
		return recovery;
	}

	private Counter recoveries(Recovery.Result result, String source) {
		return Counter.builder("chat.recovery")
			.tag("result", result.name())
			.tag("source", source)
			.description("Joins that asked for recovery, by result and by where the missed messages came from")
			.register(this.meters);
	}

	/**
	 * What one catch-up covers: the room's messages in ({@code lastSeen},
	 * {@code reached}].
	 */
	private record Gap(long roomId, int partition, long lastSeen, long reached) {
	}

}
