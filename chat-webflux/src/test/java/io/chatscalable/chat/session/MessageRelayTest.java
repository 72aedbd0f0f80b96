package io.chatscalable.chat.session;

import io.chatscalable.chat.message.ChatMessage;
import io.chatscalable.chat.message.DeliveredMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

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
		JoinedSocket socket = JoinedSocket.of(this.registry, 1, 7, this.registry::remove);

		this.relay.onMessage(message(7, 0));

		assertThat(socket.written()).hasSize(1);
		assertThat(delivered()).isEqualTo(1);
	}

	@Test
	void aClosingSocketIsNotCounted() {
		JoinedSocket open = JoinedSocket.of(this.registry, 1, 7);
		JoinedSocket closing = JoinedSocket.of(this.registry, 2, 7);
		closing.session().closeWith(CloseStatus.GOING_AWAY, 0);

		this.relay.onMessage(message(7, 0));

		assertThat(open.written()).hasSize(1);
		assertThat(closing.written()).isEmpty();
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

}
