package io.chatscalable.chat.message;

import java.util.Map;
import java.util.OptionalLong;

import io.chatscalable.chat.infra.kafka.EventPublisher;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.OutgoingRecord;
import io.chatscalable.chat.infra.kafka.SendQueueFullException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Sends chat messages straight to Kafka, keyed by room id (never through the outbox):
 * idempotent producer, acks=all. The position is the record's offset, known only once the
 * broker acknowledged it.
 */
@Component
class MessagePublisher {

	/**
	 * The header that carries the message id, so readers can de-duplicate without
	 * parsing.
	 */
	static final String MESSAGE_ID_HEADER = "message-id";

	private final EventPublisher publisher;

	private final String topic;

	private final JsonMapper json;

	MessagePublisher(EventPublisher publisher, KafkaProperties kafka, JsonMapper json) {
		this.publisher = publisher;
		this.topic = kafka.topics().messages();
		this.json = json;
	}

	/**
	 * Publishes the message; emits its position once the broker has it, or empty when the
	 * broker did not take it. Fails only with {@link MessageRejectedException}
	 * {@code SERVER_BUSY}, at once, when the send queue is full. Never signals an error
	 * late, so a caller's timeout can drop a late answer quietly.
	 */
	Mono<OptionalLong> publish(ChatMessage message) {
		return Mono.fromCallable(() -> this.json.writeValueAsString(message))
			.flatMap((value) -> this.publisher.publishOne(new OutgoingRecord<>(this.topic,
					Long.toString(message.roomId()), value, Map.of(MESSAGE_ID_HEADER, message.messageId()), message)))
			.onErrorMap(SendQueueFullException.class,
					(ex) -> new MessageRejectedException(NackCode.SERVER_BUSY, "The node is busy; retry shortly"))
			.map((result) -> result.acknowledged() ? OptionalLong.of(result.offset()) : OptionalLong.empty());
	}

}
