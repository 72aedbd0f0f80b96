package io.chatscalable.chat.session;

import java.time.Instant;

import io.chatscalable.chat.room.MemberJoined;
import io.chatscalable.chat.room.MemberLeft;
import io.chatscalable.chat.room.RoomEventsFeed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * A MemberLeft takes exactly the leaver's sockets out of exactly that room, tells them
 * why, and tells the room's other sockets; a MemberJoined reaches the room's sockets and
 * the new member's own.
 */
class RoomEventsRelayTest {

	private final SessionRegistry registry = new SessionRegistry(new SimpleMeterRegistry());

	private final RoomEventsRelay relay = new RoomEventsRelay(mock(RoomEventsFeed.class), this.registry,
			new ServerFrames(JsonMapper.builder().build()));

	@Test
	void aLeaveRemovesTheLeaversSocketsFromThatRoomOnlyAndTellsTheOthers() {
		JoinedSocket leaverInRoom = JoinedSocket.of(this.registry, 1, 7);
		JoinedSocket leaverElsewhere = JoinedSocket.of(this.registry, 1, 8);
		JoinedSocket other = JoinedSocket.of(this.registry, 2, 7);

		this.relay.relay(new MemberLeft(7, 1, Instant.ofEpochMilli(1000)));

		assertThat(leaverInRoom.session().rooms()).isEmpty();
		assertThat(leaverInRoom.written()).containsExactly("{\"type\":\"removed\",\"roomId\":7,\"reason\":\"LEFT\"}");
		assertThat(leaverElsewhere.session().rooms()).containsExactly(8L);
		assertThat(leaverElsewhere.written()).isEmpty();
		assertThat(this.registry.inRoom(7)).containsExactly(other.session());
		assertThat(other.written())
			.containsExactly("{\"type\":\"member-left\",\"roomId\":7,\"userId\":1,\"leftAt\":1000}");

		// A redelivered event finds nothing left to remove.
		this.relay.relay(new MemberLeft(7, 1, Instant.ofEpochMilli(1000)));
		assertThat(leaverInRoom.written()).hasSize(1);
	}

	@Test
	void aJoinIsAnnouncedToTheRoomsSockets() {
		JoinedSocket inRoom = JoinedSocket.of(this.registry, 2, 7);
		JoinedSocket elsewhere = JoinedSocket.of(this.registry, 3, 8);

		this.relay.relay(new MemberJoined(7, 1, "ann", Instant.ofEpochMilli(2000)));

		assertThat(inRoom.written()).containsExactly(
				"{\"type\":\"member-joined\",\"roomId\":7,\"userId\":1,\"username\":\"ann\",\"joinedAt\":2000}");
		assertThat(elsewhere.written()).isEmpty();
	}

	@Test
	void aJoinReachesTheNewMembersOwnSocketsOnceEach() {
		JoinedSocket inRoom = JoinedSocket.of(this.registry, 2, 7);
		JoinedSocket newMembersOtherDevice = JoinedSocket.of(this.registry, 1, 8);
		// A socket of the new member that joined the room already (a join racing the
		// event): still one frame.
		JoinedSocket newMemberInRoom = JoinedSocket.of(this.registry, 1, 7);

		this.relay.relay(new MemberJoined(7, 1, "ann", Instant.ofEpochMilli(2000)));

		String frame = "{\"type\":\"member-joined\",\"roomId\":7,\"userId\":1,\"username\":\"ann\",\"joinedAt\":2000}";
		assertThat(inRoom.written()).containsExactly(frame);
		assertThat(newMembersOtherDevice.written()).containsExactly(frame);
		assertThat(newMemberInRoom.written()).containsExactly(frame);
	}

}
