package io.chatscalable.chat.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.message.ChatMessage;
import io.chatscalable.chat.message.DeliveredMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The delivered counter counts the frames queued to sockets, whatever the sockets do
 * meanwhile: a socket that closes while the message is being relayed (its session leaves
 * the registry's live set) still got the frame; a closing socket did not.
 */
class MessageRelayTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SessionRegistry registry = new SessionRegistry(this.meters);

	private final MessageRelay relay = new MessageRelay(this.registry, new ServerFrames(JsonMapper.builder().build()),
			new SessionMetrics(this.meters));

	@Test
	void aSocketThatClosesDuringTheRelayIsStillCounted() {
		// The client reads the frame and hangs up at once: the session leaves the room
		// before the relay is done with the message.
		Socket socket = socket(1, 7, this.registry::remove);

		this.relay.onMessage(message(7, 0));

		assertThat(socket.written).hasSize(1);
		assertThat(delivered()).isEqualTo(1);
	}

	@Test
	void aClosingSocketIsNotCounted() {
		Socket open = socket(1, 7, (session) -> {
		});
		Socket closing = socket(2, 7, (session) -> {
		});
		closing.session.closeWith(CloseStatus.GOING_AWAY, 0);

		this.relay.onMessage(message(7, 0));

		assertThat(open.written).hasSize(1);
		assertThat(closing.written).isEmpty();
		assertThat(delivered()).isEqualTo(1);
	}

	private double delivered() {
		return this.meters.get("chat.messages.delivered").counter().count();
	}

	private static DeliveredMessage message(long roomId, long position) {
		return new DeliveredMessage(
				new ChatMessage("m-" + position, roomId, 9, "sender", "c-" + position, "hello", ChatMessage.TEXT, 1000),
				position);
	}

	private Socket socket(long userId, long roomId, Consumer<ChatSession> onFrame) {
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
		assertThat(this.registry.add(session)).isTrue();
		this.registry.join(roomId, session);
		return new Socket(session, written);
	}

	private record Socket(ChatSession session, List<String> written) {
	}

}
