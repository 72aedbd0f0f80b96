package io.chatscalable.chat.signal;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ephemeral signal channel between nodes.
 *
 * @param topic the Kafka topic (fan-out: every node reads all of it)
 * @param flushInterval how often a node publishes what it coalesced: the added latency of
 * receipts, typing and presence frames, and the coalescing window
 * @param maxPending signals of each kind one node holds between flushes; beyond it new
 * ones are dropped (counted) until the next flush
 */
@Validated
@ConfigurationProperties("chat.signals")
public record SignalProperties(@DefaultValue("chat.signals") @NotBlank String topic,
		@DefaultValue("250ms") Duration flushInterval, @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxPending) {

	public SignalProperties {
		// Below 10 ms a busy node would publish a record per handful of signals; above
		// 5 s a typing notice would arrive after it expired.
		if (flushInterval.compareTo(Duration.ofMillis(10)) < 0 || flushInterval.compareTo(Duration.ofSeconds(5)) > 0) {
			throw new IllegalArgumentException("chat.signals.flush-interval must be 10ms-5s");
		}
	}

}
