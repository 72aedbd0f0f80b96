package io.chatscalable.chat.monitoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Metrics that cost a query.
 *
 * @param pollInterval how often the gauges that ask PostgreSQL or Kafka (outbox backlog,
 * feed lag, store lag, dead letters) are refreshed; at least one second
 */
@Validated
@ConfigurationProperties("chat.monitoring")
public record MonitoringProperties(@DefaultValue("15s") Duration pollInterval) {

	public MonitoringProperties {
		if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"chat.monitoring.poll-interval must be at least 1s, not " + pollInterval);
		}
	}

	/** How long one refresh may take before it is given up (it runs again next time). */
	public Duration pollTimeout() {
		return this.pollInterval;
	}

}
