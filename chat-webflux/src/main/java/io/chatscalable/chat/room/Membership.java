package io.chatscalable.chat.room;

import java.time.Instant;

/**
 * A user's membership of a room.
 *
 * @param roomId the room
 * @param userId the member
 * @param lastReadPosition the position of the last message the member read (-1: none)
 * @param joinedAt when the member joined
 */
public record Membership(long roomId, long userId, long lastReadPosition, Instant joinedAt) {
}
