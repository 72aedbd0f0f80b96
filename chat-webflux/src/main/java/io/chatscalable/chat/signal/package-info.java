/**
 * Ephemeral signals between nodes: read receipts, read state, typing and presence
 * changes. They are never stored and never go through the outbox or PostgreSQL.
 * <p>
 * Each node coalesces what its sockets and REST calls produce ({@link SignalBus}: the
 * latest read position per room and user, one typing per room and user, the latest
 * presence change per user) and publishes it every {@code chat.signals.flush-interval} as
 * one record (a few, if large) on the {@code chat.signals} topic, keyed by node. Every
 * node reads that topic with a fan-out consumer ({@link SignalFeed}) and turns the
 * signals into frames for its own sockets ({@link SignalRelay}), each frame encoded once
 * per node.
 * <p>
 * Fail-open: when Kafka does not take a record the signals in it are lost (counted in
 * {@code chat.signals.dropped}), never retried, and chat is unaffected. A signal must
 * never be required for correctness: read positions are kept in Redis and PostgreSQL,
 * presence in Redis, and clients re-read them over REST.
 */
package io.chatscalable.chat.signal;
