package io.chatscalable.chat.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.chatscalable.chat.auth.AuthenticatedUser;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * For relay unit tests: a session on a mocked WebSocket, registered and joined to a room,
 * whose written frames are collected as text in the order the socket would send them.
 *
 * @param session the session
 * @param written the frames written so far
 */
record JoinedSocket(ChatSession session, List<String> written) {

	/** A socket of the user, joined to the room. */
	static JoinedSocket of(SessionRegistry registry, long userId, long roomId) {
		return of(registry, userId, roomId, (session) -> {
		});
	}

	/**
	 * A socket of the user, joined to the room; {@code onFrame} runs after each frame is
	 * written (the client reacting to it).
	 */
	static JoinedSocket of(SessionRegistry registry, long userId, long roomId, Consumer<ChatSession> onFrame) {
		WebSocketSession socket = mock(WebSocketSession.class);
		when(socket.close(any())).thenReturn(Mono.empty());
		when(socket.bufferFactory()).thenReturn(DefaultDataBufferFactory.sharedInstance);
		when(socket.getId()).thenReturn(userId + "-" + roomId);
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(userId, "u" + userId), 16, Long.MAX_VALUE,
				new FrameRateLimiter(10, 10, 0), () -> {
				});
		List<String> written = new CopyOnWriteArrayList<>();
		session.messages().subscribe((message) -> {
			written.add(message.getPayloadAsText());
			onFrame.accept(session);
		});
		assertThat(registry.add(session)).isTrue();
		registry.join(roomId, session);
		return new JoinedSocket(session, written);
	}

}
