package io.chatscalable.chat.room;

/** Who may see and join a room. */
public enum RoomVisibility {

	/** Anyone may see and join it. */
	PUBLIC,

	/**
	 * Only its members see it; members add members. To anyone else it does not exist (404
	 * ROOM_NOT_FOUND).
	 */
	PRIVATE

}
