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
 * A load-balanced consumer group that writes room events into {@link RoomCache}: room
 * summaries from RoomCreated, and the membership projection from RoomCreated (the
 * creator), MemberJoined and MemberLeft. At least once; a redelivered or older event
 * changes nothing (versioned by eventId per key). Memberships written before these events
 * existed are not projected: their checks fall back to "cannot answer".
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
		RoomEvents.Applied<RoomEvent> applied;
		try {
			applied = RoomEvents.read(this.json, record.value());
		}
		catch (IllegalArgumentException ex) {
			// A poisoned record: no retry can fix it. Skip it; the cache misses it and
			// reads fall back.
			log.error("Skipping unreadable record {}: {}", record.coordinates(), ex.getMessage());
			return Mono.empty();
		}
		if (applied == null) {
			return Mono.empty();
		}
		long eventId = applied.eventId();
		RoomEvent event = applied.event();
		if (event instanceof RoomCreated created) {
			// The creator is the first member, in the same transaction as the room.
			return this.cache.apply(eventId, created.summary())
				.then(this.cache.applyMember(eventId, created.roomId(), created.createdBy(), true,
						created.createdAt()));
		}
		if (event instanceof MemberJoined joined) {
			return this.cache.applyMember(eventId, joined.roomId(), joined.userId(), true, joined.joinedAt());
		}
		MemberLeft left = (MemberLeft) event;
		return this.cache.applyMember(eventId, left.roomId(), left.userId(), false, left.leftAt());
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.loadBalanced(GROUP_ID, List.of(this.kafka.topics().rooms()));
	}

}
