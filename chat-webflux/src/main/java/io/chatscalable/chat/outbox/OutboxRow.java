package io.chatscalable.chat.outbox;

import java.time.Instant;

/** A pending outbox row as the relay reads it. */
record OutboxRow(long id, String aggregateType, String aggregateId, String eventType, String payload, int attempts,
		Instant createdAt) {
}
