package io.chatscalable.chat.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@link PartitionReader} on one group-less KafkaConsumer ({@code assign} and
 * {@code seek}), owned by one thread: a KafkaConsumer is not thread-safe, and its calls
 * block, so they never run on an event loop.
 * <p>
 * Reads are served one at a time, in the order asked. {@value #QUEUE} may wait; beyond
 * that a read fails at once ({@link RejectedExecutionException}) and the caller answers
 * without the log: a reconnect storm cannot queue unbounded work here.
 */
@Component
class KafkaPartitionReader implements PartitionReader, DisposableBean {

	/** Reads waiting for the reader thread; beyond this they fail fast. */
	private static final int QUEUE = 256;

	/** One poll's wait when the broker has nothing yet. */
	private static final Duration POLL = Duration.ofMillis(100);

	private final Scheduler thread = Schedulers.newBoundedElastic(1, QUEUE, "kafka-log-reader");

	private final Map<String, Object> config;

	private final Timer reads;

	/** Created on the reader thread at first use; only that thread touches it. */
	private KafkaConsumer<String, String> consumer;

	KafkaPartitionReader(KafkaProperties properties, MeterRegistry meters) {
		this.config = new HashMap<>();
		this.config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
		this.config.put(ConsumerConfig.CLIENT_ID_CONFIG, "chat-log-reader");
		this.config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		this.config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// An offset below the log start is answered by us (RecordsGoneException), never
		// by
		// jumping elsewhere.
		this.config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
		this.config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		this.reads = Timer.builder("chat.kafka.log.reads")
			.description("Reads of a stretch of a partition outside the consumer groups (recovery from the log)")
			.register(meters);
	}

	@Override
	public Mono<List<IncomingRecord>> read(String topic, int partition, long from, long to, String key, int limit,
			Duration timeout) {
		return Mono.fromCallable(() -> {
			long started = System.nanoTime();
			try {
				return readNow(new TopicPartition(topic, partition), from, to, key, limit, started + timeout.toNanos());
			}
			finally {
				this.reads.record(Duration.ofNanos(System.nanoTime() - started));
			}
		}).subscribeOn(this.thread);
	}

	private List<IncomingRecord> readNow(TopicPartition partition, long from, long to, String key, int limit,
			long deadline) throws TimeoutException {
		List<IncomingRecord> found = new ArrayList<>();
		if (from > to || limit <= 0) {
			return found;
		}
		KafkaConsumer<String, String> reader = consumer();
		reader.assign(List.of(partition));
		try {
			Long start = reader.beginningOffsets(List.of(partition), remaining(deadline)).get(partition);
			if (start == null || start > from) {
				throw new RecordsGoneException(partition + " starts at " + start + ", after " + from);
			}
			reader.seek(partition, from);
			while (reader.position(partition, remaining(deadline)) <= to) {
				if (System.nanoTime() > deadline) {
					throw new TimeoutException("Reading " + partition + " " + from + ".." + to + " took too long");
				}
				ConsumerRecords<String, String> records = reader.poll(POLL);
				for (ConsumerRecord<String, String> record : records.records(partition)) {
					if (record.offset() > to) {
						return found;
					}
					if (key.equals(record.key())) {
						found.add(IncomingRecord.of(record));
						if (found.size() >= limit) {
							return found;
						}
					}
				}
			}
			return found;
		}
		finally {
			reader.unsubscribe();
		}
	}

	private KafkaConsumer<String, String> consumer() {
		if (this.consumer == null) {
			this.consumer = new KafkaConsumer<>(this.config);
		}
		return this.consumer;
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
	}

	@Override
	public void destroy() {
		// The consumer belongs to the reader thread: close it there, after queued reads.
		Mono.fromRunnable(() -> {
			if (this.consumer != null) {
				this.consumer.close(Duration.ofSeconds(2));
			}
		}).subscribeOn(this.thread).onErrorComplete().block(Duration.ofSeconds(5));
		this.thread.dispose();
	}

}
