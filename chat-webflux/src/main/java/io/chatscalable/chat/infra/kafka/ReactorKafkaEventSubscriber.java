package io.chatscalable.chat.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverPartition;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

/** {@link EventSubscriber} on reactor-kafka receivers, one consumer per loop. */
@Component
class ReactorKafkaEventSubscriber implements EventSubscriber {

	private static final Logger log = LoggerFactory.getLogger(ReactorKafkaEventSubscriber.class);

	/**
	 * Acknowledged offsets are committed at most this long after handling (at-least-once
	 * either way).
	 */
	private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

	/**
	 * Records fetched per poll; bounds the receiver's buffer (it pauses partitions when
	 * we fall behind).
	 */
	private static final int MAX_POLL_RECORDS = 500;

	/**
	 * When the consumer itself fails (broker gone, rebalance error), it is recreated
	 * after this, doubling to 30 s.
	 */
	private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

	/**
	 * How long a load-balanced consumer's rebalance waits for records it is still
	 * handling, so their offsets are committed before the partitions move
	 * (reactor-kafka's default).
	 */
	private static final Duration REBALANCE_DELAY = Duration.ofSeconds(60);

	private final KafkaProperties properties;

	/** Binds each consumer's own metrics (kafka.consumer.*) while it lives. */
	private final MicrometerConsumerListener consumerMetrics;

	ReactorKafkaEventSubscriber(KafkaProperties properties, MeterRegistry meters) {
		this.properties = properties;
		this.consumerMetrics = new MicrometerConsumerListener(meters);
	}

	@Override
	public Running start(ConsumerSpec spec, RecordHandler handler) {
		Sinks.Empty<Void> assigned = Sinks.empty();
		ReceiverOptions<String, String> options = options(spec, assigned, handler);
		Flux<Void> loop = Flux.defer(() -> KafkaReceiver.create(options).receive())
			.concatMap((record) -> handleOne(spec, handler, record));
		return run(spec, loop, assigned);
	}

	@Override
	public Running startBatches(ConsumerSpec spec, BatchHandler handler) {
		if (spec.fanOut()) {
			throw new IllegalArgumentException("Batches are for load-balanced consumers");
		}
		Sinks.Empty<Void> assigned = Sinks.empty();
		ReceiverOptions<String, String> options = options(spec, assigned, null);
		Flux<Void> loop = Flux.defer(() -> KafkaReceiver.create(options).receiveBatch())
			.concatMap((batch) -> batch.collectList().flatMap((records) -> handleBatch(spec, handler, records)));
		return run(spec, loop, assigned);
	}

	private ReceiverOptions<String, String> options(ConsumerSpec spec, Sinks.Empty<Void> assigned,
			RecordHandler handler) {
		return ReceiverOptions.<String, String>create(config(spec))
			.commitInterval(COMMIT_INTERVAL)
			.consumerListener(this.consumerMetrics)
			// On a rebalance reactor-kafka waits (60 s by default) for received records
			// to be acknowledged, so their offsets can be committed. A fan-out consumer
			// never acknowledges (it commits nothing), so it would always wait the full
			// time: after a broker restart every node's live delivery stopped for a
			// minute. It has nothing to wait for.
			.maxDelayRebalance(spec.fanOut() ? Duration.ZERO : REBALANCE_DELAY)
			.addAssignListener((partitions) -> {
				if (handler != null) {
					handler.onAssigned(partitions.stream().map(ReactorKafkaEventSubscriber::assigned).toList());
				}
				if (!partitions.isEmpty()) {
					// Only the first assignment matters; later ones answer
					// FAIL_TERMINATED, harmlessly.
					assigned.tryEmitEmpty();
				}
			})
			.subscription(spec.topics());
	}

	private Running run(ConsumerSpec spec, Flux<Void> records, Sinks.Empty<Void> assigned) {
		Disposable loop = records
			.retryWhen(Retry.backoff(Long.MAX_VALUE, RESTART_BACKOFF)
				.maxBackoff(Duration.ofSeconds(30))
				// The pause grows with consecutive failures only: a consumer that worked
				// again since its last failure restarts after RESTART_BACKOFF, not after
				// the 30 s that every earlier failure of the node's life added up to.
				.transientErrors(true)
				.doBeforeRetry((signal) -> log.warn("Consumer {} failed, restarting: {}", spec.groupId(),
						signal.failure().toString())))
			.subscribe(null, (error) -> log.error("Consumer {} stopped", spec.groupId(), error));
		return new Running() {
			@Override
			public Mono<Void> assigned() {
				return assigned.asMono();
			}

			@Override
			public void dispose() {
				loop.dispose();
			}

			@Override
			public boolean isDisposed() {
				return loop.isDisposed();
			}
		};
	}

	private Mono<Void> handleOne(ConsumerSpec spec, RecordHandler handler, ReceiverRecord<String, String> record) {
		IncomingRecord incoming = IncomingRecord.of(record);
		return Mono.defer(() -> handler.handle(incoming))
			.retryWhen(Retry.backoff(spec.maxAttempts() - 1L, spec.firstBackoff()).maxBackoff(spec.maxBackoff()))
			.onErrorResume((error) -> handler.exhausted(incoming, Exceptions.unwrapRetry(error)))
			// A handler that fails in exhausted() too must not end the stream either.
			.onErrorResume((error) -> {
				log.error("Could not dispose of {}; skipping it", incoming.coordinates(), error);
				return Mono.empty();
			})
			.then(Mono.fromRunnable(() -> {
				if (!spec.fanOut()) {
					record.receiverOffset().acknowledge();
				}
			}));
	}

	/**
	 * One batch, retried with backoff until the handler succeeds (it dead-letters what
	 * can never succeed, so what is left is an outage); then every offset is
	 * acknowledged.
	 */
	private Mono<Void> handleBatch(ConsumerSpec spec, BatchHandler handler,
			List<ReceiverRecord<String, String>> batch) {
		List<IncomingRecord> incoming = batch.stream().map(IncomingRecord::of).toList();
		return Mono.defer(() -> handler.handle(incoming))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, spec.firstBackoff())
				.maxBackoff(spec.maxBackoff())
				.doBeforeRetry((signal) -> log.warn("Batch of {} records for {} failed, retrying: {}", incoming.size(),
						spec.groupId(), signal.failure().toString())))
			.then(Mono.fromRunnable(() -> batch.forEach((record) -> record.receiverOffset().acknowledge())));
	}

	private static AssignedPartition assigned(ReceiverPartition partition) {
		return new AssignedPartition() {
			@Override
			public String topic() {
				return partition.topicPartition().topic();
			}

			@Override
			public int partition() {
				return partition.topicPartition().partition();
			}

			@Override
			public long position() {
				return partition.position();
			}

			@Override
			public long beginningOffset() {
				Long beginning = partition.beginningOffset();
				return (beginning != null) ? beginning : 0L;
			}

			@Override
			public void seek(long offset) {
				partition.seek(offset);
			}
		};
	}

	private Map<String, Object> config(ConsumerSpec spec) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, spec.groupId());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, spec.groupId());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, spec.fanOut() ? "latest" : "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
		config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, spec.fetchMinBytes());
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) spec.fetchMaxWait().toMillis());
		config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) this.properties.sessionTimeout().toMillis());
		config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) this.properties.sessionTimeout().toMillis() / 3);
		// Read only what producers committed (no effect without transactions, correct
		// with them).
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return config;
	}

}
