package io.chatscalable.chat.ratelimit;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on the requests whose flood costs other users (docs/security.md). A rate is
 * written {@code requests/window}, e.g. {@code 30/1m}.
 *
 * @param enabled false turns every limit off (never in production)
 * @param loginPerAddress logins and signups per client address, cluster-wide (each costs
 * a BCrypt hash)
 * @param loginPerName logins per username (case-insensitive), cluster-wide: bounds
 * password guessing
 * @param roomCreationsPerUser rooms and direct conversations a user creates, cluster-wide
 * (each is a frame to every socket)
 * @param membershipChangesPerUser joins, leaves and member additions per user,
 * cluster-wide
 * @param userSearchesPerUser user searches ({@code GET /api/users}) per user,
 * cluster-wide: a client searches as its user types, but no one needs to page through
 * every name
 * @param handshakesPerUser WebSocket handshakes per user, cluster-wide
 * @param handshakesPerAddress WebSocket handshakes per client address, cluster-wide
 * @param socketsPerUser open sockets of one user on one node (each node counts its own)
 * @param exemptAddresses client addresses the per-address limits skip (a benchmark bot
 * that plays thousands of users from one machine); per-user limits still apply
 * @param redisTimeout how long a cluster-wide check waits for Redis before the node's own
 * count decides
 * @param localKeys the most keys the node-local counters hold (addresses, users); beyond
 * it new keys pass unchecked rather than grow memory without bound
 */
@Validated
@ConfigurationProperties("chat.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("30/1m") Rate loginPerAddress,
		@DefaultValue("10/1m") Rate loginPerName, @DefaultValue("10/1m") Rate roomCreationsPerUser,
		@DefaultValue("60/1m") Rate membershipChangesPerUser, @DefaultValue("120/1m") Rate userSearchesPerUser,
		@DefaultValue("30/1m") Rate handshakesPerUser, @DefaultValue("120/1m") Rate handshakesPerAddress,
		@DefaultValue("10") @Min(1) @Max(10_000) int socketsPerUser, @DefaultValue List<String> exemptAddresses,
		@DefaultValue("250ms") Duration redisTimeout,
		@DefaultValue("100000") @Min(100) @Max(10_000_000) int localKeys) {

	public RateLimitProperties {
		exemptAddresses = List.copyOf(exemptAddresses);
		if (redisTimeout.isNegative() || redisTimeout.isZero() || redisTimeout.compareTo(Duration.ofSeconds(5)) > 0) {
			throw new IllegalArgumentException("chat.rate-limits.redis-timeout must be in (0, 5s]");
		}
	}

}
