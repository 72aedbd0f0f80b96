package io.chatscalable.chat.room;

import java.util.List;

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
 * Every RoomCreated event, on every node: a fan-out consumer (its own random group)
 * relays them to {@link #events()}, which the WebSocket layer turns into room-created
 * frames for every local socket.
 * <p>
 * The feed is hot and best effort per subscriber: a subscriber that cannot keep up misses
 * events rather than making the consumer buffer without bound (a client reloads the room
 * list on reconnect anyway).
 */
@Component
public class RoomCreatedFeed extends RecordConsumer {

	private static final Logger log = LoggerFactory.getLogger(RoomCreatedFeed.class);

	private final KafkaProperties kafka;

	private final NodeIdentity node;

	private final JsonMapper json;

	private final Sinks.Many<RoomCreated> sink = Sinks.many().multicast().directBestEffort();

	RoomCreatedFeed(EventSubscriber subscriber, KafkaProperties kafka, NodeIdentity node, JsonMapper json) {
		super(subscriber);
		this.kafka = kafka;
		this.node = node;
		this.json = json;
	}

	/** Rooms created from now on, anywhere in the cluster. */
	public Flux<RoomCreated> events() {
		return this.sink.asFlux();
	}

	@Override
	public Mono<Void> handle(IncomingRecord record) {
		try {
			RoomEvents.Applied<RoomCreated> created = RoomEvents.roomCreated(this.json, record.value());
			if (created != null) {
				// FAIL_ZERO_SUBSCRIBER (no socket listening) and a slow subscriber's drop
				// are both fine here.
				this.sink.tryEmitNext(created.event());
			}
		}
		catch (IllegalArgumentException ex) {
			log.error("Skipping unreadable record {}: {}", record.coordinates(), ex.getMessage());
		}
		return Mono.empty();
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
