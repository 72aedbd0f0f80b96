package io.chatscalable.chat.room;

import java.time.Instant;

/**
 * Published (through the outbox) when a room is created; relayed live to every connected
 * client.
 *
 * @param roomId the room id
 * @param name its name
 * @param createdBy the creator's user id
 * @param createdAt when it was created
 */
public record RoomCreated(long roomId, String name, long createdBy, Instant createdAt) implements RoomEvent {

	/** The outbox aggregate type of rooms. */
	public static final String AGGREGATE_TYPE = "room";

	/** The event type name. */
	public static final String EVENT_TYPE = "RoomCreated";

	RoomSummary summary() {
		return new RoomSummary(this.roomId, this.name, this.createdBy, this.createdAt);
	}

}
