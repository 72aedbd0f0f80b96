package io.chatscalable.chat.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * WebSocket tickets ({@code POST /api/ws-tickets}, then {@code /ws?ticket=}).
 *
 * @param ttl how long a ticket may be used after it was issued (never past the login
 * token's expiry)
 * @param redisTimeout how long marking a ticket used waits for Redis before the ticket is
 * admitted unmarked (the fail-open rule in {@link WsTickets})
 */
@Validated
@ConfigurationProperties("chat.ws-tickets")
public record WsTicketProperties(@DefaultValue("30s") Duration ttl, @DefaultValue("250ms") Duration redisTimeout) {

	public WsTicketProperties {
		// A ticket lives in a URL: minutes would make a logged URL worth replaying.
		if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException("chat.ws-tickets.ttl must be between 1s and 5m");
		}
		if (redisTimeout.isNegative() || redisTimeout.isZero() || redisTimeout.compareTo(Duration.ofSeconds(5)) > 0) {
			throw new IllegalArgumentException("chat.ws-tickets.redis-timeout must be in (0, 5s]");
		}
	}

}
