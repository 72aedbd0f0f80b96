package io.chatscalable.chat.room;

import java.time.Instant;

/**
 * What clients see of a room.
 *
 * @param id the room id
 * @param name the name
 * @param createdBy the creator's user id
 * @param createdAt when it was created
 * @param visibility PUBLIC or PRIVATE
 * @param kind ROOM or DIRECT
 */
public record RoomSummary(long id, String name, long createdBy, Instant createdAt, RoomVisibility visibility,
		RoomKind kind) {

	public RoomSummary {
		// Rows and cache entries written before rooms had a visibility are public rooms.
		visibility = (visibility != null) ? visibility : RoomVisibility.PUBLIC;
		kind = (kind != null) ? kind : RoomKind.ROOM;
	}

}
