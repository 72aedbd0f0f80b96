package io.chatscalable.chat.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Presence.
 *
 * @param heartbeat how often a node refreshes its presence entries in Redis, and looks
 * for nodes whose entries expired (to announce their users offline)
 * @param ttl how long a node's entries outlive its last heartbeat: a node killed with
 * kill -9 has its users announced offline within {@code ttl + heartbeat} (plus the signal
 * flush and a Kafka hop). At least twice the heartbeat, so one late heartbeat does not
 * flap a live node's users offline
 */
@Validated
@ConfigurationProperties("chat.presence")
public record PresenceProperties(@DefaultValue("5s") Duration heartbeat, @DefaultValue("15s") Duration ttl) {

	public PresenceProperties {
		if (heartbeat.compareTo(Duration.ofMillis(100)) < 0 || heartbeat.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException("chat.presence.heartbeat must be 100ms-1m");
		}
		if (ttl.compareTo(heartbeat.multipliedBy(2)) < 0 || ttl.compareTo(Duration.ofMinutes(10)) > 0) {
			throw new IllegalArgumentException("chat.presence.ttl must be at least twice the heartbeat, at most 10m");
		}
	}

}
