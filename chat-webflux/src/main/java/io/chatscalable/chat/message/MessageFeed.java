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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The node's fan-out consumer: a random group id, so that every node reads every chat
 * message, starting at the end of the topic, never committing. Each record goes
 * synchronously to the {@link MessageListener}s, in partition order, so every socket of a
 * room sees the room's messages in one order.
 * <p>
 * It remembers, per partition, the highest offset it has begun to deliver. Recovery reads
 * that after subscribing a socket: every record above it will reach the socket live, so
 * the database must supply the rest. When the consumer is recreated after a failure, it
 * resumes just after that offset instead of at the end, so connected sockets miss
 * nothing.
 */
@Component
public class MessageFeed extends RecordConsumer {

	private static final Logger log = LoggerFactory.getLogger(MessageFeed.class);

	private final KafkaProperties kafka;

	private final NodeIdentity node;

	private final MessageRecords records;

	private final List<MessageListener> listeners;

	/**
	 * Partition -> the highest offset whose delivery has begun (start - 1 before any).
	 */
	private final Map<Integer, Long> reached = new ConcurrentHashMap<>();

	MessageFeed(EventSubscriber subscriber, KafkaProperties kafka, NodeIdentity node, MessageRecords records,
			List<MessageListener> listeners) {
		super(subscriber);
		this.kafka = kafka;
		this.node = node;
		this.records = records;
		this.listeners = listeners;
	}

	/**
	 * The highest offset of the partition whose delivery has begun on this node, or null
	 * before the partition is assigned. A socket that joined a room before this call gets
	 * every later record of the room live.
	 */
	Long reached(int partition) {
		return this.reached.get(partition);
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
			}
			else {
				this.reached.put(partition.partition(), partition.position() - 1);
			}
		}
	}

	@Override
	public Mono<Void> handle(IncomingRecord record) {
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
		DeliveredMessage delivered = new DeliveredMessage(message, record.offset());
		for (MessageListener listener : this.listeners) {
			listener.onMessage(delivered);
		}
		return Mono.empty();
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.fanOut("chat-message-feed", this.node.id(), List.of(this.kafka.topics().messages()));
	}

}
