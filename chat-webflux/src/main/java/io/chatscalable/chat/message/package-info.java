/**
 * Chat messages: sent straight to Kafka keyed by room (never through the outbox),
 * acknowledged only once the broker has them, and read back by every node's fan-out
 * consumer in partition order. A message's position is its offset.
 */
package io.chatscalable.chat.message;
