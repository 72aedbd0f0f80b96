package io.chatscalable.chat.room;

import java.util.List;

import io.chatscalable.chat.infra.kafka.ConsumerSpec;
import io.chatscalable.chat.infra.kafka.EventSubscriber;
import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.RecordConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A load-balanced consumer group that writes room events into {@link RoomCache}, and
 * back-fills the cache from PostgreSQL at start when it is not known to be complete. At
 * least once; a redelivered event changes nothing.
 */
@Component
class RoomCacheProjector extends RecordConsumer {

	private static final Logger log = LoggerFactory.getLogger(RoomCacheProjector.class);

	static final String GROUP_ID = "chat-room-cache";

	private final KafkaProperties kafka;

	private final RoomCache cache;

	private final JsonMapper json;

	RoomCacheProjector(EventSubscriber subscriber, KafkaProperties kafka, RoomCache cache, JsonMapper json) {
		super(subscriber);
		this.kafka = kafka;
		this.cache = cache;
		this.json = json;
	}

	@Override
	public Mono<Void> handle(IncomingRecord record) {
		RoomEvents.Applied<RoomCreated> created;
		try {
			created = RoomEvents.roomCreated(this.json, record.value());
		}
		catch (IllegalArgumentException ex) {
			// A poisoned record: no retry can fix it. Skip it; the cache misses it and
			// reads fall back.
			log.error("Skipping unreadable record {}: {}", record.coordinates(), ex.getMessage());
			return Mono.empty();
		}
		return (created != null) ? this.cache.apply(created.eventId(), created.event().summary()) : Mono.empty();
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.loadBalanced(GROUP_ID, List.of(this.kafka.topics().rooms()));
	}

}
