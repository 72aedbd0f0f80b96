package io.chatscalable.chat.session;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.room.MemberJoined;
import io.chatscalable.chat.room.MemberLeft;
import io.chatscalable.chat.room.RoomEventsFeed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
		Socket leaverInRoom = socket(1, 7);
		Socket leaverElsewhere = socket(1, 8);
		Socket other = socket(2, 7);

		this.relay.relay(new MemberLeft(7, 1, Instant.ofEpochMilli(1000)));

		assertThat(leaverInRoom.session.rooms()).isEmpty();
		assertThat(leaverInRoom.written).containsExactly("{\"type\":\"removed\",\"roomId\":7,\"reason\":\"LEFT\"}");
		assertThat(leaverElsewhere.session.rooms()).containsExactly(8L);
		assertThat(leaverElsewhere.written).isEmpty();
		assertThat(this.registry.inRoom(7)).containsExactly(other.session);
		assertThat(other.written)
			.containsExactly("{\"type\":\"member-left\",\"roomId\":7,\"userId\":1,\"leftAt\":1000}");

		// A redelivered event finds nothing left to remove.
		this.relay.relay(new MemberLeft(7, 1, Instant.ofEpochMilli(1000)));
		assertThat(leaverInRoom.written).hasSize(1);
	}

	@Test
	void aJoinIsAnnouncedToTheRoomsSockets() {
		Socket inRoom = socket(2, 7);
		Socket elsewhere = socket(3, 8);

		this.relay.relay(new MemberJoined(7, 1, "ann", Instant.ofEpochMilli(2000)));

		assertThat(inRoom.written).containsExactly(
				"{\"type\":\"member-joined\",\"roomId\":7,\"userId\":1,\"username\":\"ann\",\"joinedAt\":2000}");
		assertThat(elsewhere.written).isEmpty();
	}

	@Test
	void aJoinReachesTheNewMembersOwnSocketsOnceEach() {
		Socket inRoom = socket(2, 7);
		Socket newMembersOtherDevice = socket(1, 8);
		// A socket of the new member that joined the room already (a join racing the
		// event): still one frame.
		Socket newMemberInRoom = socket(1, 7);

		this.relay.relay(new MemberJoined(7, 1, "ann", Instant.ofEpochMilli(2000)));

		String frame = "{\"type\":\"member-joined\",\"roomId\":7,\"userId\":1,\"username\":\"ann\",\"joinedAt\":2000}";
		assertThat(inRoom.written).containsExactly(frame);
		assertThat(newMembersOtherDevice.written).containsExactly(frame);
		assertThat(newMemberInRoom.written).containsExactly(frame);
	}

	private Socket socket(long userId, long roomId) {
		WebSocketSession socket = mock(WebSocketSession.class);
		when(socket.close(any())).thenReturn(Mono.empty());
		when(socket.bufferFactory()).thenReturn(DefaultDataBufferFactory.sharedInstance);
		when(socket.getId()).thenReturn(userId + "-" + roomId);
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(userId, "u" + userId), 16, Long.MAX_VALUE,
				new FrameRateLimiter(10, 10, 0), () -> {
				});
		List<String> written = new CopyOnWriteArrayList<>();
		session.messages().subscribe((message) -> written.add(message.getPayloadAsText()));
		assertThat(this.registry.add(session)).isTrue();
		this.registry.join(roomId, session);
		return new Socket(session, written);
	}

	private record Socket(ChatSession session, List<String> written) {
	}

}
