package io.chatscalable.chat.infra.kafka;

import reactor.core.publisher.Flux;

/**
 * Publishes records to Kafka with acks=all and an idempotent producer. Features depend on
 * this interface, not on reactor-kafka.
 */
public interface EventPublisher {

	/**
	 * Publishes the records; one result per record, failures included (the stream does
	 * not stop at the first one). Records with the same key keep their order.
	 */
	<T> Flux<PublishResult<T>> publish(Flux<OutgoingRecord<T>> records);

}
