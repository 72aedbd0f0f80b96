/**
 * The transactional outbox: events written in the same PostgreSQL transaction as the
 * entity they describe, and relayed to Kafka by the one node that holds a Redisson lock.
 * <p>
 * Invariants: a row is PENDING until the broker acknowledged it (acks=all), then SENT
 * with its sent time; a row is never deleted before it is SENT (or set aside as FAILED
 * after permanent failures); rows are published in id order, so events of one aggregate
 * (one Kafka key) keep their order. Delivery is at least once: every consumer must ignore
 * an event whose {@code eventId} it has already applied.
 */
package io.chatscalable.chat.outbox;
