package io.chatscalable.chat.infra.kafka;

import java.util.Map;

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

	/** "topic-partition@offset", for logs. */
	public String coordinates() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
