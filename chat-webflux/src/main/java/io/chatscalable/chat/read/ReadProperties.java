package io.chatscalable.chat.read;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Read state.
 *
 * @param flushInterval how often a node writes the read positions it took to PostgreSQL
 * (one statement per flush); how much a node killed with kill -9 can lose from PostgreSQL
 * (Redis still has it)
 * @param maxPending read positions (room and member pairs) a node holds for PostgreSQL;
 * beyond it new pairs are not queued (counted), Redis keeps them
 */
@Validated
@ConfigurationProperties("chat.reads")
public record ReadProperties(@DefaultValue("1s") Duration flushInterval,
		@DefaultValue("100000") @Min(1) @Max(10_000_000) int maxPending) {

	public ReadProperties {
		// Below 10 ms the batching stops paying; above a minute a crash loses too much.
		if (flushInterval.compareTo(Duration.ofMillis(10)) < 0 || flushInterval.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException("chat.reads.flush-interval must be 10ms-1m");
		}
	}

}
