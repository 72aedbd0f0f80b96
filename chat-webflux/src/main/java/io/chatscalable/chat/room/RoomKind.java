package io.chatscalable.chat.room;

/** What a room is. */
public enum RoomKind {

	/** A room created with a name, public or private. */
	ROOM,

	/** The direct conversation of two users: always private, no one else can be added. */
	DIRECT

}
