package io.chatscalable.chat.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What tests do with Kafka directly: produce raw records, wait for records, read headers.
 */
public final class TestKafka {

	private TestKafka() {
	}

	/** A plain producer of string records, as a foreign client would be. */
	public static KafkaProducer<String, String> producer(String bootstrapServers) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

	/**
	 * Waits until the topic holds {@code count} records, and asserts it holds no more.
	 */
	public static List<ConsumerRecord<String, String>> awaitRecords(String bootstrapServers, String topic, int count,
			Duration timeout) {
		await().atMost(timeout).until(() -> KafkaTopicReader.readAll(bootstrapServers, topic).size() >= count);
		List<ConsumerRecord<String, String>> records = KafkaTopicReader.readAll(bootstrapServers, topic);
		assertThat(records).hasSize(count);
		return records;
	}

	/** A record's last header of that name, as UTF-8. */
	public static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
