package io.chatscalable.chat.user;

import java.time.Instant;

/**
 * Published (through the outbox) when a user signs up.
 *
 * @param userId the new user's id
 * @param username the username as typed
 * @param passwordProtected whether login needs a password
 * @param createdAt when the user was created
 */
public record UserSignedUp(long userId, String username, boolean passwordProtected, Instant createdAt) {

	/** The outbox aggregate type of users. */
	public static final String AGGREGATE_TYPE = "user";

	/** The event type name. */
	public static final String EVENT_TYPE = "UserSignedUp";

}
