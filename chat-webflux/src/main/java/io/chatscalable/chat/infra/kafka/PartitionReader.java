package io.chatscalable.chat.infra.kafka;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Reads a stretch of one partition on demand, outside any consumer group: Kafka as the
 * log it is. Used to serve what the database does not have yet.
 */
public interface PartitionReader {

	/**
	 * The records of {@code topic}-{@code partition} with offsets from {@code from} to
	 * {@code to} (both inclusive) whose key is {@code key}, in offset order, at most
	 * {@code limit} of them (reading stops there).
	 * <p>
	 * Fails with {@link RecordsGoneException} when the partition no longer holds
	 * {@code from} (retention deleted it), and with any Kafka error or a
	 * {@link java.util.concurrent.TimeoutException} when the stretch could not be read
	 * within {@code timeout}.
	 */
	Mono<List<IncomingRecord>> read(String topic, int partition, long from, long to, String key, int limit,
			Duration timeout);

	/** The partition no longer holds the first offset asked for. */
	final class RecordsGoneException extends RuntimeException {

		public RecordsGoneException(String message) {
			super(message, null, false, false);
		}

	}

}
