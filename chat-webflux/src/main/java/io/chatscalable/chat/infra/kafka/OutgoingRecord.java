package io.chatscalable.chat.infra.kafka;

import java.util.Map;

/**
 * A record to publish.
 *
 * @param <T> what the caller uses to match the result to the record
 * @param topic the topic
 * @param partition the partition, or null to let the key decide (the usual case)
 * @param key the key (records with one key keep their order)
 * @param value the value, UTF-8 JSON
 * @param headers string headers
 * @param correlation returned with the result
 */
public record OutgoingRecord<T>(String topic, Integer partition, String key, String value, Map<String, String> headers,
		T correlation) {

	/** A record whose partition its key decides. */
	public OutgoingRecord(String topic, String key, String value, Map<String, String> headers, T correlation) {
		this(topic, null, key, value, headers, correlation);
	}

}
