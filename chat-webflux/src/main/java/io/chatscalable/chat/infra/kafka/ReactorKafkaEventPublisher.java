package io.chatscalable.chat.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@link EventPublisher} on one shared reactor-kafka sender (a KafkaProducer is
 * thread-safe and batches best shared).
 */
@Component
class ReactorKafkaEventPublisher implements EventPublisher, DisposableBean {

	/**
	 * Records not yet acknowledged by the broker, per publish call; beyond it the caller
	 * is back-pressured. Large enough to keep batches full, small enough to bound memory.
	 */
	private static final int MAX_IN_FLIGHT = 1024;

	/**
	 * KafkaProducer.send blocks while it fetches metadata (up to max.block.ms, e.g. when
	 * a broker is down), so sends run on a thread where blocking is allowed, never on an
	 * event loop.
	 */
	private final Scheduler sendScheduler = Schedulers.newBoundedElastic(2, 10_000, "kafka-send");

	private final KafkaSender<String, String> sender;

	ReactorKafkaEventPublisher(KafkaProperties properties) {
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
		this.sender = KafkaSender.create(SenderOptions.<String, String>create(config)
			.maxInFlight(MAX_IN_FLIGHT)
			// A failed record is reported in its result; the others still go.
			.stopOnError(false));
	}

	@Override
	public <T> Flux<PublishResult<T>> publish(Flux<OutgoingRecord<T>> records) {
		Flux<SenderRecord<String, String, T>> senderRecords = records.publishOn(this.sendScheduler)
			.map(ReactorKafkaEventPublisher::toSenderRecord);
		return this.sender.send(senderRecords)
			.map((result) -> (result.exception() == null)
					? new PublishResult<>(result.correlationMetadata(), result.recordMetadata().partition(),
							result.recordMetadata().offset(), null)
					: new PublishResult<>(result.correlationMetadata(), -1, -1L, result.exception()));
	}

	private static <T> SenderRecord<String, String, T> toSenderRecord(OutgoingRecord<T> record) {
		ProducerRecord<String, String> producerRecord = new ProducerRecord<>(record.topic(), record.key(),
				record.value());
		record.headers()
			.forEach((name, value) -> producerRecord.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		return SenderRecord.create(producerRecord, record.correlation());
	}

	@Override
	public void destroy() {
		// Closing flushes what is still buffered.
		this.sender.close();
		this.sendScheduler.dispose();
	}

}
