package io.chatscalable.chat.user;

import java.util.List;

import io.chatscalable.chat.infra.kafka.ConsumerSpec;
import io.chatscalable.chat.infra.kafka.EventSubscriber;
import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.RecordConsumer;
import io.chatscalable.chat.outbox.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A load-balanced consumer group (one member per node) that writes user events into
 * {@link UserCache}. At least once; a redelivered event changes nothing.
 */
@Component
class UserCacheProjector extends RecordConsumer {

	private static final Logger log = LoggerFactory.getLogger(UserCacheProjector.class);

	static final String GROUP_ID = "chat-user-cache";

	private final KafkaProperties kafka;

	private final UserCache cache;

	private final JsonMapper json;

	UserCacheProjector(EventSubscriber subscriber, KafkaProperties kafka, UserCache cache, JsonMapper json) {
		super(subscriber);
		this.kafka = kafka;
		this.cache = cache;
		this.json = json;
	}

	@Override
	public Mono<Void> handle(IncomingRecord record) {
		EventEnvelope envelope;
		try {
			envelope = EventEnvelope.parse(this.json, record.value());
		}
		catch (IllegalArgumentException ex) {
			// A poisoned record: no retry can fix it. Skip it; the cache misses it and
			// reads fall back.
			log.error("Skipping unreadable record {}: {}", record.coordinates(), ex.getMessage());
			return Mono.empty();
		}
		if (!UserSignedUp.EVENT_TYPE.equals(envelope.eventType())) {
			return Mono.empty();
		}
		return this.cache.apply(envelope.eventId(), envelope.payloadAs(this.json, UserSignedUp.class));
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.loadBalanced(GROUP_ID, List.of(this.kafka.topics().users()));
	}

}
