package io.chatscalable.chat.infra.kafka;

import java.util.Collection;

import reactor.core.publisher.Mono;

/** Handles consumed records for one {@link ConsumerSpec}. */
public interface RecordHandler {

	/**
	 * Handles one record; an error means "try again" (with backoff, up to the spec's
	 * attempts).
	 */
	Mono<Void> handle(IncomingRecord record);

	/**
	 * Decides about a record that failed every attempt. The default logs and skips it, so
	 * one bad record never stops the stream; a handler may dead-letter it instead.
	 */
	default Mono<Void> exhausted(IncomingRecord record, Throwable error) {
		return Mono.fromRunnable(() -> RecordHandlerLog.skipped(record, error));
	}

	/**
	 * Called on the consumer's thread when partitions are assigned, before any of their
	 * records is handled; a handler may move the start position. Must be quick.
	 */
	default void onAssigned(Collection<AssignedPartition> partitions) {
	}

}
