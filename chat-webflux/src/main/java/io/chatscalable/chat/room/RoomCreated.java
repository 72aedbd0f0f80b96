package io.chatscalable.chat.room;

import java.time.Instant;
import java.util.List;

/**
 * Published (through the outbox) when a room is created; relayed live to every connected
 * client for a public room, to its first members' sockets only for a private one.
 *
 * @param roomId the room id
 * @param name its name
 * @param createdBy the creator's user id
 * @param createdAt when it was created
 * @param visibility PUBLIC or PRIVATE (null in events written before: PUBLIC)
 * @param kind ROOM or DIRECT (null in events written before: ROOM)
 * @param memberIds the members it was created with (the creator; both users of a direct
 * conversation)
 */
public record RoomCreated(long roomId, String name, long createdBy, Instant createdAt, RoomVisibility visibility,
		RoomKind kind, List<Long> memberIds) implements RoomEvent {

	/** The outbox aggregate type of rooms. */
	public static final String AGGREGATE_TYPE = "room";

	/** The event type name. */
	public static final String EVENT_TYPE = "RoomCreated";

	public RoomCreated {
		visibility = (visibility != null) ? visibility : RoomVisibility.PUBLIC;
		kind = (kind != null) ? kind : RoomKind.ROOM;
		memberIds = (memberIds != null) ? List.copyOf(memberIds) : List.of(createdBy);
	}

	/** The event of a room just written with these first members. */
	static RoomCreated of(RoomSummary room, List<Long> memberIds) {
		return new RoomCreated(room.id(), room.name(), room.createdBy(), room.createdAt(), room.visibility(),
				room.kind(), memberIds);
	}

	/** Whether every user may learn of the room (a public one). */
	public boolean announcedToAll() {
		return this.visibility == RoomVisibility.PUBLIC;
	}

	RoomSummary summary() {
		return new RoomSummary(this.roomId, this.name, this.createdBy, this.createdAt, this.visibility, this.kind);
	}

}
