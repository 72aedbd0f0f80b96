package io.chatscalable.chat.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.chatscalable.chat.monitoring.SchedulerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@link EventPublisher} on one shared KafkaProducer (thread-safe; batches best when
 * shared), created at start-up on the main thread.
 * <p>
 * {@code KafkaProducer.send} can block: while it fetches metadata, when its buffer is
 * full (up to {@code max.block.ms}), and on the buffer pool's lock. So it is only ever
 * called on the bounded {@code kafka-send} scheduler, never on an event loop. When that
 * scheduler's queue is full, a publish fails at once with {@link SendQueueFullException}
 * (the caller answers "busy") rather than queueing without bound.
 */
@Component
class KafkaEventPublisher implements EventPublisher, DisposableBean {

	/**
	 * Records of one {@link #publish(Flux)} call not yet acknowledged: enough to keep
	 * batches full, bounded so a large batch cannot take all the producer's memory.
	 */
	private static final int MAX_IN_FLIGHT = 1024;

	/**
	 * Threads calling {@code send}: it is fast (microseconds) when Kafka is healthy, so
	 * two suffice; when it blocks, the queue below fills and publishes fail fast.
	 */
	private static final int SEND_THREADS = 2;

	/** Publishes waiting for a send thread; beyond this they fail fast. */
	private static final int SEND_QUEUE = 10_000;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private final Scheduler sendScheduler = Schedulers.newBoundedElastic(SEND_THREADS, SEND_QUEUE, "kafka-send");

	private final Producer<String, String> producer;

	/** The producer's own metrics (kafka.producer.*), as meters. */
	private final KafkaClientMetrics producerMetrics;

	KafkaEventPublisher(KafkaProperties properties, MeterRegistry meters) {
		this.producer = new KafkaProducer<>(config(properties));
		// The consumers' meters (reactor-kafka's listener) carry a reactor-kafka.id tag;
		// Prometheus wants one set of tag keys per name, and kafka.app.info.* is shared.
		this.producerMetrics = new KafkaClientMetrics(this.producer, Tags.of("reactor-kafka.id", "chat-producer"));
		this.producerMetrics.bindTo(meters);
		SchedulerMetrics.register(this.sendScheduler, "kafka-send", meters);
	}

	private static Map<String, Object> config(KafkaProperties properties) {
		long deliveryMillis = properties.deliveryTimeout().toMillis();
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "chat-producer");
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		// Acknowledged means written to every in-sync replica; retries never duplicate or
		// reorder.
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		// Wait up to 1 ms to fill a batch: a little latency for far fewer requests under
		// load.
		config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryMillis);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(deliveryMillis - 1, 10_000));
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(deliveryMillis, 10_000));
		return config;
	}

	@Override
	public <T> Mono<PublishResult<T>> publishOne(OutgoingRecord<T> record) {
		return Mono.defer(() -> sendNow(record))
			.subscribeOn(this.sendScheduler)
			.onErrorMap(RejectedExecutionException.class, SendQueueFullException::new);
	}

	@Override
	public <T> Flux<PublishResult<T>> publish(Flux<OutgoingRecord<T>> records) {
		// One send thread calls send() for this stream's records, in their order; the
		// results come back in the same order.
		return records.publishOn(this.sendScheduler)
			.flatMapSequential(this::sendNow, MAX_IN_FLIGHT)
			.onErrorMap(RejectedExecutionException.class, SendQueueFullException::new);
	}

	/**
	 * Calls send() on this thread. The result comes on the producer's I/O thread, and
	 * what callers chain on it runs there: it must stay short and non-blocking (an offer
	 * to a socket's queue, a Redis command), or every send of the node waits.
	 */
	private <T> Mono<PublishResult<T>> sendNow(OutgoingRecord<T> record) {
		return Mono.create((sink) -> {
			try {
				this.producer.send(toProducerRecord(record),
						(metadata,
								error) -> sink.success((error == null)
										? new PublishResult<>(record.correlation(), metadata.partition(),
												metadata.offset(), null)
										: new PublishResult<>(record.correlation(), -1, -1L, error)));
			}
			catch (RuntimeException ex) {
				// send() throws only for what no retry fixes (a closed producer, a
				// record over the size limit): a failed result like any other.
				sink.success(new PublishResult<>(record.correlation(), -1, -1L, ex));
			}
		});
	}

	private static ProducerRecord<String, String> toProducerRecord(OutgoingRecord<?> record) {
		ProducerRecord<String, String> producerRecord = new ProducerRecord<>(record.topic(), record.partition(),
				record.key(), record.value());
		record.headers()
			.forEach((name, value) -> producerRecord.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		return producerRecord;
	}

	@Override
	public void destroy() {
		// Closing flushes what is still buffered, so every acknowledged send is out, and
		// waits for pending acknowledgements (bounded).
		this.producerMetrics.close();
		this.producer.close(CLOSE_TIMEOUT);
		this.sendScheduler.dispose();
	}

}
