package io.chatscalable.chat.room;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rooms and memberships.
 *
 * @param membershipCheckTimeout how long a socket join's membership check waits for
 * PostgreSQL before it answers from the Redis projection instead
 */
@Validated
@ConfigurationProperties("chat.rooms")
public record RoomProperties(@DefaultValue("2s") Duration membershipCheckTimeout) {

	public RoomProperties {
		// Zero would never ask PostgreSQL; a minute would leave a join hanging far past
		// what a client waits for an answer.
		if (membershipCheckTimeout.isNegative() || membershipCheckTimeout.isZero()
				|| membershipCheckTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException("chat.rooms.membership-check-timeout must be in (0, 1m]");
		}
	}

}
