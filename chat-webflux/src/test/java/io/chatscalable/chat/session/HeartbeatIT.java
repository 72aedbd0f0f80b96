package io.chatscalable.chat.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import io.chatscalable.chat.support.SocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node pings every socket and closes those from which nothing arrives: a client that
 * is gone without a FIN (here: one that never reads and never answers pings) is closed
 * with 4001 and its TCP connection ends; a client that answers pings stays.
 */
@IntegrationTest
@TestPropertySource(properties = { "chat.websocket.ping-interval=1s", "chat.websocket.idle-timeout=3s",
		"chat.websocket.close-grace=1s" })
class HeartbeatIT {

	@LocalServerPort
	int port;

	@Autowired
	SessionRegistry registry;

	ChatApi api;

	@BeforeEach
	void setUp() {
		this.api = new ChatApi(this.port);
	}

	@Test
	void aClientThatNeverReadsNorAnswersPingsIsClosedAndItsConnectionEnds() throws Exception {
		String token = this.api.token("silent");
		try (RawWebSocket silent = RawWebSocket.open(this.port, token)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> session("silent").isPresent());
			long connectedAt = System.nanoTime();

			// Without reading a byte: idle timeout (3 s) + a tick, close, grace (1 s).
			await().atMost(Duration.ofSeconds(15)).until(() -> session("silent").isEmpty());
			assertThat(Duration.ofNanos(System.nanoTime() - connectedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

			// What the server sent (welcome, pings, the close frame), then the end of the
			// connection.
			assertThat(silent.readUntilClosedByServer(Duration.ofSeconds(10))).isEqualTo(4001);
		}
	}

	@Test
	void aClientThatAnswersPingsStaysConnectedPastTheIdleTimeout() {
		// Reactor Netty's client answers pings by itself; this client sends nothing else.
		try (SocketClient client = SocketClient.connect(this.port, this.api.token("lively"))) {
			client.await("welcome");

			await().during(Duration.ofSeconds(6))
				.atMost(Duration.ofSeconds(10))
				.until(() -> client.closeStatus() == null && session("lively").isPresent());

			client.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
			assertThat(client.await("pong").get("id").asString()).isEqualTo("still-here");
		}
	}

	@Test
	void pongsAreNeitherRateLimitedNorAnswered() throws Exception {
		try (RawWebSocket client = RawWebSocket.open(this.port, this.api.token("ponger"))) {
			client.readTextUntil("\"welcome\"");
			// Twice the burst (100) at once: as frames, half would be RATE_LIMITED.
			for (int i = 0; i < 200; i++) {
				client.sendPong();
			}
			client.sendText("{\"type\":\"ping\",\"id\":\"after-pongs\"}");

			List<String> answers = client.readTextUntil("after-pongs");
			assertThat(answers).hasSize(1);
			assertThat(answers.get(0)).contains("\"type\":\"pong\"");
		}
	}

	@Test
	void aFramesBytesStopCountingOnceWritten() {
		String token = this.api.token("writer");
		long roomId = this.api.createRoom(token, "bytes").get("id").asLong();
		try (SocketClient client = SocketClient.joined(this.port, token, roomId)) {
			// Small frames are copied by the encoder, large ones written as they are:
			// both must be released, or a long-lived socket would hit the byte bound.
			for (int i = 0; i < 20; i++) {
				client.send(SocketClient.sendFrame("s" + i, roomId, "b-" + i, ((i % 2 == 0) ? "x" : "y".repeat(3900))));
			}
			assertThat(client.messages(20)).hasSize(20);
			ChatSession session = session("writer").orElseThrow();

			await().atMost(Duration.ofSeconds(10)).until(() -> session.queuedBytes() == 0);
		}
	}

	private Optional<ChatSession> session(String username) {
		return this.registry.all().stream().filter((session) -> session.user().username().equals(username)).findAny();
	}

}
