package io.chatscalable.chat.room;

import java.time.Instant;

/**
 * What clients see of a room.
 *
 * @param id the room id
 * @param name the name
 * @param createdBy the creator's user id
 * @param createdAt when it was created
 */
public record RoomSummary(long id, String name, long createdBy, Instant createdAt) {
}
