package io.chatscalable.chat.outbox;

/**
 * Where events of one aggregate type go; a feature declares one as a bean for each
 * aggregate it writes.
 *
 * @param aggregateType the aggregate type of {@link OutboxMessage}
 * @param topic the Kafka topic
 */
public record OutboxRoute(String aggregateType, String topic) {
}
