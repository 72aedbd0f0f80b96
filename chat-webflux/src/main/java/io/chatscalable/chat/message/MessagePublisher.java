package io.chatscalable.chat.message;

import java.util.Map;

import io.chatscalable.chat.infra.kafka.EventPublisher;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.OutgoingRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Sends chat messages straight to Kafka, keyed by room id (never through the outbox):
 * idempotent producer, acks=all. The returned position is the record's offset, known only
 * once the broker acknowledged it.
 */
@Service
public class MessagePublisher {

	private final EventPublisher publisher;

	private final String topic;

	private final JsonMapper json;

	MessagePublisher(EventPublisher publisher, KafkaProperties kafka, JsonMapper json) {
		this.publisher = publisher;
		this.topic = kafka.topics().messages();
		this.json = json;
	}

	/**
	 * Publishes the message; emits its position once the broker has it, or an error if it
	 * does not.
	 */
	public Mono<Long> publish(ChatMessage message) {
		return Mono.fromCallable(() -> this.json.writeValueAsString(message))
			.flatMap((value) -> this.publisher.publish(Flux.just(new OutgoingRecord<>(this.topic,
					Long.toString(message.roomId()), value, Map.of("message-id", message.messageId()), message)))
				.next())
			.flatMap((result) -> result.acknowledged() ? Mono.just(result.offset())
					: Mono.error(new MessageNotAcceptedException(result.error())));
	}

}
