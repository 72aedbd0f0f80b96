package io.chatscalable.chat.infra.kafka;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes records to Kafka with acks=all and an idempotent producer. Features depend on
 * this interface, not on the Kafka client. Nothing here blocks the caller's thread.
 */
public interface EventPublisher {

	/**
	 * Publishes the records; one result per record, in order, failures included (the
	 * stream does not stop at the first one). Records with the same key keep their order.
	 */
	<T> Flux<PublishResult<T>> publish(Flux<OutgoingRecord<T>> records);

	/**
	 * Publishes one record; its result once the broker answered, or
	 * {@link SendQueueFullException} at once when the node cannot take more sends.
	 */
	<T> Mono<PublishResult<T>> publishOne(OutgoingRecord<T> record);

}
