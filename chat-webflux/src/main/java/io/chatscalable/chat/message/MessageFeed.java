package io.chatscalable.chat.message;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.chatscalable.chat.infra.kafka.AssignedPartition;
import io.chatscalable.chat.infra.kafka.ConsumerSpec;
import io.chatscalable.chat.infra.kafka.EventSubscriber;
import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.RecordConsumer;
import io.chatscalable.chat.node.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The node's fan-out consumer: a random group id, so that every node reads every chat
 * message, never committing. Each record goes synchronously to the
 * {@link MessageListener}s, in partition order, so every socket of a room sees the room's
 * messages in one order.
 * <p>
 * <b>Warm-up.</b> On its first assignment the feed starts {@code window} offsets before
 * the end of each partition and reads those records into the de-duplication window
 * ({@link RecentMessages}) without delivering them; delivery starts at the end as it was
 * at assignment. So a node that just started drops the same duplicates as the others.
 * <p>
 * <b>Duplicates.</b> A record whose message id already appeared within the window is not
 * delivered (every node decides alike; see {@link RecentMessages}).
 * <p>
 * <b>Reached.</b> It remembers, per partition, the highest offset whose delivery has
 * begun. A join reads it after subscribing a socket: every record above it will reach the
 * socket live, so the catch-up must supply the rest ({@link RoomCatchUp}). When the
 * consumer is recreated after a failure, it resumes just after that offset instead of at
 * the end, so connected sockets miss nothing.
 */
@Component
public class MessageFeed extends RecordConsumer {

	private static final Logger log = LoggerFactory.getLogger(MessageFeed.class);

	private final KafkaProperties kafka;

	private final NodeIdentity node;

	private final MessageRecords records;

	private final List<MessageListener> listeners;

	private final RecentMessages recent;

	private final Counter duplicates;

	/**
	 * Partition -> the highest offset whose delivery has begun (start - 1 before any).
	 */
	private final Map<Integer, Long> reached = new ConcurrentHashMap<>();

	/**
	 * Partition -> the first offset delivered live; records below it only fill the
	 * window. Written on assignment, read on the consumer's thread.
	 */
	private final Map<Integer, Long> liveFrom = new ConcurrentHashMap<>();

	MessageFeed(EventSubscriber subscriber, KafkaProperties kafka, NodeIdentity node, MessageRecords records,
			List<MessageListener> listeners, MessageProperties properties, MeterRegistry meters) {
		super(subscriber);
		this.kafka = kafka;
		this.node = node;
		this.records = records;
		this.listeners = listeners;
		this.recent = new RecentMessages(properties.dedup().windowPerPartition());
		this.duplicates = Counter.builder("chat.messages.duplicates.dropped")
			.description("Chat records not delivered because their message id appeared earlier in the window")
			.register(meters);
		Gauge.builder("chat.messages.dedup.window.size", this.recent, RecentMessages::size)
			.description("Message ids held in the de-duplication window")
			.register(meters);
	}

	/**
	 * The highest offset of the partition whose delivery has begun on this node, or null
	 * before the partition is assigned. A socket that joined a room before this call gets
	 * every later record of the room live.
	 */
	Long reached(int partition) {
		return this.reached.get(partition);
	}

	/**
	 * Where the message first appeared in the partition, if this node has seen it within
	 * its de-duplication window.
	 */
	Long firstPosition(int partition, String messageId) {
		return this.recent.firstPosition(partition, messageId);
	}

	/** How many partitions this node's feed has been assigned (0 before it joined). */
	int assignedPartitions() {
		return this.reached.size();
	}

	@Override
	public void onAssigned(Collection<AssignedPartition> partitions) {
		for (AssignedPartition partition : partitions) {
			Long done = this.reached.get(partition.partition());
			if (done != null) {
				// A restarted consumer: carry on where the last one stopped.
				partition.seek(done + 1);
				continue;
			}
			long end = partition.position();
			this.liveFrom.put(partition.partition(), end);
			this.reached.put(partition.partition(), end - 1);
			long warmUpFrom = Math.max(partition.beginningOffset(), end - this.recent.window());
			if (warmUpFrom < end) {
				partition.seek(warmUpFrom);
			}
		}
	}

	@Override
	public Mono<Void> handle(IncomingRecord record) {
		Long live = this.liveFrom.get(record.partition());
		if (live != null && record.offset() < live) {
			// Warm-up: history for the window only; these records were delivered before
			// this node started.
			String messageId = messageId(record);
			if (messageId != null) {
				this.recent.record(record.partition(), record.offset(), messageId);
			}
			return Mono.empty();
		}
		// Before the listeners read the room's sockets: see reached().
		this.reached.merge(record.partition(), record.offset(), Math::max);
		ChatMessage message;
		try {
			message = this.records.read(record.value());
		}
		catch (InvalidMessageException ex) {
			log.error("Not delivering unreadable chat record {}: {}", record.coordinates(), ex.getMessage());
			return Mono.empty();
		}
		long first = this.recent.record(record.partition(), record.offset(), message.messageId());
		if (first != record.offset()) {
			this.duplicates.increment();
			log.debug("Not delivering {}: message {} already appeared at offset {}", record.coordinates(),
					message.messageId(), first);
			return Mono.empty();
		}
		DeliveredMessage delivered = new DeliveredMessage(message, record.offset());
		for (MessageListener listener : this.listeners) {
			listener.onMessage(delivered);
		}
		return Mono.empty();
	}

	/**
	 * The message id of a record: its header (every node sets it), or the value's for a
	 * record without one; null when unreadable.
	 */
	private String messageId(IncomingRecord record) {
		String header = record.headers().get(MessagePublisher.MESSAGE_ID_HEADER);
		if (header != null) {
			return header;
		}
		try {
			return this.records.read(record.value()).messageId();
		}
		catch (InvalidMessageException ex) {
			return null;
		}
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.fanOut("chat-message-feed", this.node.id(), List.of(this.kafka.topics().messages()));
	}

}
