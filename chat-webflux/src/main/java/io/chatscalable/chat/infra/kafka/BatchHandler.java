package io.chatscalable.chat.infra.kafka;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Handles the records of one poll at once, for consumers that gain from batching (one
 * database transaction per batch).
 */
@FunctionalInterface
public interface BatchHandler {

	/**
	 * Handles the batch (records in partition order). When the returned Mono completes,
	 * every record of the batch counts as done and its offset may be committed. An error
	 * means "the whole batch again, later": the handler decides itself what to do with a
	 * record that can never succeed (a dead-letter topic), so that an error here only
	 * ever stands for an outage.
	 */
	Mono<Void> handle(List<IncomingRecord> batch);

}
