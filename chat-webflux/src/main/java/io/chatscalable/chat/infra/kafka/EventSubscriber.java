package io.chatscalable.chat.infra.kafka;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs consumer loops that survive failing records and broker outages. Features depend on
 * this, not reactor-kafka.
 */
public interface EventSubscriber {

	/**
	 * Starts a loop that hands every record to {@code handler}, one at a time, in order
	 * per partition.
	 * @return the running loop: {@link Running#assigned()} completes once partitions are
	 * assigned (a fan-out consumer misses nothing produced after that), and disposing it
	 * stops the loop
	 */
	Running start(ConsumerSpec spec, RecordHandler handler);

	/**
	 * Starts a load-balanced loop that hands the records of each poll to {@code handler}
	 * as one batch, and retries a failed batch with backoff until it succeeds. Offsets
	 * are committed only after the handler completed.
	 */
	Running startBatches(ConsumerSpec spec, BatchHandler handler);

	/** A running consumer loop. */
	interface Running extends Disposable {

		/** Completes when the consumer has its first partition assignment. */
		Mono<Void> assigned();

	}

}
