package io.chatscalable.chat.room;

import java.time.Instant;

/**
 * Published (through the outbox, in the leaving transaction) when a leave over REST
 * actually removed a membership; leaving a room one is not in publishes nothing.
 *
 * @param roomId the room
 * @param userId the former member
 * @param leftAt when the membership was removed (the transaction's time)
 */
public record MemberLeft(long roomId, long userId, Instant leftAt) implements RoomEvent {

	/** The event type name. */
	public static final String EVENT_TYPE = "MemberLeft";

}
