package io.chatscalable.chat.room;

import java.time.Instant;

/**
 * Published (through the outbox, in the joining transaction) when a join over REST
 * actually added a membership; a repeated join publishes nothing. The creator's
 * membership is implied by {@link RoomCreated}.
 *
 * @param roomId the room
 * @param userId the new member
 * @param username the member's name, for display (null when the token carried none)
 * @param joinedAt when the membership was written (the row's {@code joined_at})
 */
public record MemberJoined(long roomId, long userId, String username, Instant joinedAt) implements RoomEvent {

	/** The event type name. */
	public static final String EVENT_TYPE = "MemberJoined";

}
