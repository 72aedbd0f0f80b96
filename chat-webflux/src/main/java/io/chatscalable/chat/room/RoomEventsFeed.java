package io.chatscalable.chat.room;

import java.util.Collection;
import java.util.List;

import io.chatscalable.chat.infra.kafka.AssignedPartition;
import io.chatscalable.chat.infra.kafka.ConsumerSpec;
import io.chatscalable.chat.infra.kafka.EventSubscriber;
import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.RecordConsumer;
import io.chatscalable.chat.node.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Every room event ({@link RoomCreated}, {@link MemberJoined}, {@link MemberLeft}), on
 * every node: a fan-out consumer (its own random group, starting at the latest offset)
 * relays them to {@link #events()}, in each room's order, which the WebSocket layer turns
 * into frames and, for MemberLeft, into the removal of that user's local sockets from the
 * room.
 * <p>
 * The sink is hot and best effort per subscriber: a subscriber without demand misses
 * events rather than making the consumer buffer without bound. The WebSocket relay
 * requests without bound and never blocks, so it misses nothing while it is subscribed.
 */
@Component
public class RoomEventsFeed extends RecordConsumer {

	private static final Logger log = LoggerFactory.getLogger(RoomEventsFeed.class);

	private final KafkaProperties kafka;

	private final NodeIdentity node;

	private final JsonMapper json;

	private final Sinks.Many<RoomEvent> sink = Sinks.many().multicast().directBestEffort();

	private volatile int assignedPartitions;

	RoomEventsFeed(EventSubscriber subscriber, KafkaProperties kafka, NodeIdentity node, JsonMapper json) {
		super(subscriber);
		this.kafka = kafka;
		this.node = node;
		this.json = json;
	}

	/** Room events from now on, anywhere in the cluster. */
	public Flux<RoomEvent> events() {
		return this.sink.asFlux();
	}

	@Override
	public Mono<Void> handle(IncomingRecord record) {
		try {
			RoomEvents.Applied<RoomEvent> applied = RoomEvents.read(this.json, record.value());
			if (applied != null) {
				// The consumer thread emits alone, so FAIL_NON_SERIALIZED cannot happen;
				// FAIL_ZERO_SUBSCRIBER (no relay yet, or stopping) is fine to drop.
				this.sink.tryEmitNext(applied.event());
			}
		}
		catch (IllegalArgumentException ex) {
			log.error("Skipping unreadable record {}: {}", record.coordinates(), ex.getMessage());
		}
		return Mono.empty();
	}

	/** Partitions the consumer holds; 0 until it can see new events. */
	int assignedPartitions() {
		return this.assignedPartitions;
	}

	@Override
	public void onAssigned(Collection<AssignedPartition> partitions) {
		this.assignedPartitions = partitions.size();
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.fanOut("chat-room-feed", this.node.id(), List.of(this.kafka.topics().rooms()));
	}

	@Override
	public void stop() {
		super.stop();
		this.sink.tryEmitComplete();
	}

}
