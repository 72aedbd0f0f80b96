package io.chatscalable.chat.outbox;

/**
 * An event to publish once the surrounding transaction commits.
 *
 * @param aggregateType the kind of aggregate (routes the event to its topic, see
 * {@link OutboxRoute})
 * @param aggregateId the aggregate's id, the Kafka key (events of one aggregate keep
 * their order)
 * @param eventType the event's name, past tense (e.g. UserSignedUp)
 * @param payload the event, serialized to JSON
 */
public record OutboxMessage(String aggregateType, String aggregateId, String eventType, Object payload) {
}
