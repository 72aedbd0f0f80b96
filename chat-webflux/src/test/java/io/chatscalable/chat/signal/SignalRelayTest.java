package io.chatscalable.chat.signal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.chatscalable.chat.session.LocalSockets;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Who gets which frame: receipts and typing go to the room's other members, read state to
 * the reader's other sockets, presence to each of the user's rooms; nothing is encoded
 * for a room or user without local sockets.
 */
class SignalRelayTest {

	private final LocalSockets sockets = mock(LocalSockets.class);

	private final SignalRelay relay = new SignalRelay(this.sockets, JsonMapper.builder().build());

	@Test
	void aReadBecomesAReceiptForTheRoomAndAReadStateForTheReadersOtherSockets() {
		when(this.sockets.anyInRoom(7)).thenReturn(true);
		when(this.sockets.anyOfUser(9)).thenReturn(true);

		this.relay.deliver(new Signals("n", List.of(new Signals.Read(7, 9, "bob", 1190, "s1")), null, null));

		assertThat(json(captureToRoom(7, 9))).isEqualTo(
				"{\"type\":\"read-receipt\",\"roomId\":7,\"userId\":9,\"username\":\"bob\",\"lastReadPosition\":1190}");
		ArgumentCaptor<byte[]> state = ArgumentCaptor.forClass(byte[].class);
		verify(this.sockets).toUser(eq(9L), eq("s1"), state.capture());
		assertThat(json(state.getValue()))
			.isEqualTo("{\"type\":\"read-state\",\"roomId\":7,\"lastReadPosition\":1190}");
	}

	@Test
	void typingGoesToTheRoomsOtherMembersAndPresenceToEachOfTheUsersRooms() {
		when(this.sockets.anyInRoom(7)).thenReturn(true);
		when(this.sockets.anyInRoom(8)).thenReturn(false);

		this.relay.deliver(new Signals("n", null, List.of(new Signals.Typing(7, 9, "bob", 5000)),
				List.of(new Signals.Presence(9, "bob", false, List.of(7L, 8L)))));

		ArgumentCaptor<byte[]> frames = ArgumentCaptor.forClass(byte[].class);
		verify(this.sockets, org.mockito.Mockito.times(2)).toRoom(eq(7L), eq(9L), frames.capture());
		assertThat(frames.getAllValues()).extracting(SignalRelayTest::json)
			.containsExactly(
					"{\"type\":\"typing\",\"roomId\":7,\"userId\":9,\"username\":\"bob\",\"expiresInMs\":5000}",
					"{\"type\":\"presence\",\"roomId\":7,\"userId\":9,\"username\":\"bob\",\"online\":false}");
		verify(this.sockets, never()).toRoom(eq(8L), anyLong(), any());
		verify(this.sockets, never()).toUser(anyLong(), any(), any());
	}

	private byte[] captureToRoom(long roomId, long exceptUserId) {
		ArgumentCaptor<byte[]> frame = ArgumentCaptor.forClass(byte[].class);
		verify(this.sockets).toRoom(eq(roomId), eq(exceptUserId), frame.capture());
		return frame.getValue();
	}

	private static String json(byte[] utf8) {
		return new String(utf8, StandardCharsets.UTF_8);
	}

}
