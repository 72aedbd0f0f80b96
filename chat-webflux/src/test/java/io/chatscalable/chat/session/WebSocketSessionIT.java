package io.chatscalable.chat.session;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import io.chatscalable.chat.support.SocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real WebSocket clients against /ws: handshake authentication, frames, bad input,
 * limits, clean-up.
 */
@IntegrationTest
class WebSocketSessionIT {

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
	void aHandshakeWithoutAValidTokenIsRefused() {
		String token = this.api.token("mallory");
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "x"
				+ token.substring(token.lastIndexOf('.') + 2);

		for (String bad : new String[] { null, "not-a-jwt", forged }) {
			try (SocketClient client = SocketClient.connect(this.port, bad)) {
				assertThat(client.failure()).hasMessageContaining("401");
			}
		}
	}

	@Test
	void welcomesWithTheTokensUserThenAnswersPing() {
		JsonNode login = this.api.login("alice", null);
		try (SocketClient client = SocketClient.connect(this.port, login.get("token").asString())) {
			List<JsonNode> frames = client.send("{\"type\":\"ping\",\"id\":\"p1\"}").frames(2);

			assertThat(frames.get(0).get("type").asString()).isEqualTo("welcome");
			assertThat(frames.get(0).get("nodeId").asString()).isNotBlank();
			assertThat(frames.get(0).get("userId").asLong()).isEqualTo(login.get("user").get("id").asLong());
			assertThat(frames.get(0).get("username").asString()).isEqualTo("alice");
			assertThat(frames.get(1).get("type").asString()).isEqualTo("pong");
			assertThat(frames.get(1).get("id").asString()).isEqualTo("p1");
		}
	}

	@Test
	void joinsAndLeavesRoomsItIsAMemberOf() {
		String bob = this.api.token("bob");
		long roomId = this.api.createRoom(bob, "Bob's room").get("id").asLong();
		try (SocketClient client = SocketClient.connect(this.port, bob)) {
			List<JsonNode> frames = client
				.send("{\"type\":\"join\",\"id\":\"j1\",\"roomId\":" + roomId + "}",
						"{\"type\":\"leave\",\"id\":\"l1\",\"roomId\":" + roomId + "}")
				.frames(3);

			assertThat(frames.get(1).get("type").asString()).isEqualTo("joined");
			assertThat(frames.get(1).get("id").asString()).isEqualTo("j1");
			assertThat(frames.get(1).get("roomId").asLong()).isEqualTo(roomId);
			assertThat(frames.get(2).get("type").asString()).isEqualTo("left");
		}
	}

	@Test
	void badFramesGetErrorsAndTheConnectionStaysUsable() {
		String carol = this.api.token("carol");
		long othersRoom = this.api.createRoom(this.api.token("dave"), "Dave's room").get("id").asLong();
		try (SocketClient client = SocketClient.connect(this.port, carol)) {
			List<JsonNode> frames = client
				.send("not json", "[1,2]", "{\"type\":\"dance\",\"id\":\"d1\"}", "{\"id\":7,\"type\":\"ping\"}",
						"{\"type\":\"join\",\"id\":\"j1\"}", "{\"type\":\"join\",\"id\":\"j2\",\"roomId\":\"12\"}",
						"{\"type\":\"join\",\"id\":\"j3\",\"roomId\":999999}",
						"{\"type\":\"join\",\"id\":\"j4\",\"roomId\":" + othersRoom + "}",
						"{\"type\":\"join\",\"id\":\"j5\",\"roomId\":1,\"lastSeenPosition\":-2}",
						"{\"type\":\"ping\",\"id\":\"after\"}")
				.frames(11);

			assertThat(frames.subList(1, 10)).extracting((frame) -> frame.get("code").asString())
				.containsExactly("INVALID_JSON", "INVALID_JSON", "UNKNOWN_TYPE", "INVALID_FRAME", "INVALID_FRAME",
						"INVALID_FRAME", "ROOM_NOT_FOUND", "NOT_A_MEMBER", "INVALID_FRAME");
			assertThat(frames.get(3).get("id").asString()).isEqualTo("d1");
			assertThat(frames.get(8).get("id").asString()).isEqualTo("j4");
			assertThat(frames.get(10).get("type").asString()).isEqualTo("pong");
			assertThat(frames.get(10).get("id").asString()).isEqualTo("after");
		}
	}

	@Test
	void aFrameOverTheMaximumSizeClosesWith1009() {
		try (SocketClient client = SocketClient.connect(this.port, this.api.token("erin"))) {
			client.await("welcome");
			client.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(20_000) + "\"}");

			client.untilClosed();
			await().atMost(Duration.ofSeconds(10)).until(() -> client.closeStatus() != null);
			assertThat(client.closeStatus().getCode()).isEqualTo(1009);
		}
	}

	@Test
	void aFloodOfFramesIsRateLimitedWithoutClosing() {
		try (SocketClient client = SocketClient.connect(this.port, this.api.token("frank"))) {
			client.await("welcome");
			client.send(IntStream.range(0, 150)
				.mapToObj((i) -> "{\"type\":\"ping\",\"id\":\"" + i + "\"}")
				.toArray(String[]::new));

			List<JsonNode> answers = client.frames(151).subList(1, 151);
			long limited = answers.stream()
				.filter((frame) -> "RATE_LIMITED".equals(frame.path("code").asString()))
				.count();
			assertThat(limited).isPositive();
			assertThat(answers.size() - limited).isGreaterThanOrEqualTo(100);
			assertThat(client.closeStatus()).isNull();
		}
	}

	@Test
	void aClosedSocketLeavesEveryRoom() {
		String gina = this.api.token("gina");
		long first = this.api.createRoom(gina, "one").get("id").asLong();
		long second = this.api.createRoom(gina, "two").get("id").asLong();
		try (SocketClient client = SocketClient.connect(this.port, gina)) {
			client.send("{\"type\":\"join\",\"roomId\":" + first + "}", "{\"type\":\"join\",\"roomId\":" + second + "}")
				.frames(3);
			assertThat(this.registry.inRoom(first)).hasSize(1);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.all().isEmpty() && this.registry.roomCount() == 0);
	}

}
