package io.chatscalable.chat.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A consumed record.
 *
 * @param topic its topic
 * @param partition its partition
 * @param offset its offset
 * @param key its key
 * @param value its value, UTF-8
 * @param headers its string headers
 * @param timestamp the broker's or producer's time, epoch millis
 */
public record IncomingRecord(String topic, int partition, long offset, String key, String value,
		Map<String, String> headers, long timestamp) {

	/** A consumed record with its headers read as UTF-8 strings. */
	static IncomingRecord of(ConsumerRecord<String, String> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return new IncomingRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
				headers, record.timestamp());
	}

	/** "topic-partition@offset", for logs. */
	public String coordinates() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
