package io.chatscalable.chat.room;

/**
 * An event of the room aggregate, as published on {@code chat.rooms} (keyed by room id,
 * so a room's events keep their order) and relayed live by {@link RoomEventsFeed}.
 */
public sealed interface RoomEvent permits RoomCreated, MemberJoined, MemberLeft {

	/** The room the event is about. */
	long roomId();

}
