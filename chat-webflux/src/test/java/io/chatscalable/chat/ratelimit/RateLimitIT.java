package io.chatscalable.chat.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Handshake;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every rate limit against two real nodes sharing Redis: the flood is refused (REST: 429,
 * Retry-After, RATE_LIMITED; WebSocket: the handshake answered 429), the count is
 * cluster-wide (a flood spread over both nodes is admitted once), and legitimate traffic
 * right after still passes (another user or name at once; the same address once its
 * window ends). The counters are emptied before each test.
 */
@ExtendWith(InfrastructureExtension.class)
class RateLimitIT {

	/** Short windows for the per-address limits, so the test can wait one out. */
	private static final Map<String, Object> LIMITS = Map.of("chat.rate-limits.enabled", "true",
			"chat.rate-limits.login-per-address", "8/5s", "chat.rate-limits.login-per-name", "3/1m",
			"chat.rate-limits.room-creations-per-user", "3/1m", "chat.rate-limits.membership-changes-per-user", "4/1m",
			"chat.rate-limits.handshakes-per-user", "4/1m", "chat.rate-limits.handshakes-per-address", "12/5s",
			"chat.rate-limits.sockets-per-user", "2", "chat.rate-limits.user-searches-per-user", "5/1m");

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	private static ChatApi apiA;

	private static ChatApi apiB;

	@BeforeAll
	static void startNodes() {
		Map<String, Object> properties = new HashMap<>(LIMITS);
		nodeA = Nodes.start("node-a", properties);
		nodeB = Nodes.start("node-b", properties);
		apiA = new ChatApi(Nodes.port(nodeA));
		apiB = new ChatApi(Nodes.port(nodeB));
	}

	@AfterAll
	static void stopNodes() {
		nodeA.close();
		nodeB.close();
	}

	@BeforeEach
	void emptyTheCounters() {
		ReactiveStringRedisTemplate redis = nodeA.getBean(ReactiveStringRedisTemplate.class);
		redis.keys("chat:rate:*").flatMap(redis::delete).then().block(Duration.ofSeconds(10));
	}

	@Test
	void loginsPerAddressAreCountedAcrossTheClusterAndPassAgainOnceTheWindowEnds() {
		// 8 per address: 4 on each node pass, the 9th (on either) is refused.
		for (int i = 0; i < 8; i++) {
			((i % 2 == 0) ? apiA : apiB).token("addr-" + i);
		}
		EntityExchangeResult<JsonNode> refused = login(apiB, "addr-8");
		assertRateLimited(refused);
		assertRateLimited(login(apiA, "addr-9"));

		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> login(apiA, "addr-10").getStatus().value() == 200);
	}

	@Test
	void loginsPerNameAreRefusedWhileAnotherNameStillLogsIn() {
		for (int i = 0; i < 3; i++) {
			assertThat(login(apiA, "Guessed").getStatus().value()).isEqualTo(200);
		}
		// Case does not matter: the same name.
		assertRateLimited(login(apiB, "guessed"));
		assertThat(login(apiA, "innocent").getStatus().value()).isEqualTo(200);
	}

	@Test
	void roomCreationsPerUserAreRefusedWhileAnotherUserStillCreates() {
		String flooder = apiA.token("room-flooder");
		for (int i = 0; i < 3; i++) {
			apiA.createRoom(flooder, "flood " + i);
		}
		assertRateLimited(apiB.client()
			.post()
			.uri("/api/rooms")
			.headers((headers) -> headers.setBearerAuth(flooder))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "one too many"))
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult());
		String other = apiA.token("room-creator");
		assertThat(apiB.createRoom(other, "fine").get("id").asLong()).isPositive();
	}

	@Test
	void membershipChangesPerUserAreRefusedWhileAnotherUserStillJoins() {
		String owner = apiA.token("owner");
		long roomId = apiA.createRoom(owner, "busy").get("id").asLong();
		String hopper = apiA.token("hopper");
		for (int i = 0; i < 2; i++) {
			assertThat(join(apiA, hopper, roomId)).isEqualTo(200);
			assertThat(leave(apiB, hopper, roomId)).isEqualTo(204);
		}
		assertThat(join(apiB, hopper, roomId)).isEqualTo(429);
		assertThat(join(apiA, apiA.token("newcomer"), roomId)).isEqualTo(200);
	}

	@Test
	void userSearchesPerUserAreRefusedWhileAnotherUserStillSearches() {
		String typist = apiA.token("fast-typist");
		for (int i = 0; i < 5; i++) {
			assertThat(search((i % 2 == 0) ? apiA : apiB, typist, "fast")).isEqualTo(200);
		}
		assertThat(search(apiB, typist, "fast-")).isEqualTo(429);
		assertThat(search(apiA, apiA.token("slow-typist"), "fast")).isEqualTo(200);
	}

	@Test
	void handshakesPerUserAreRefusedWhileAnotherUserStillConnects() {
		String token = apiA.token("reconnector");
		for (int i = 0; i < 4; i++) {
			assertThat(Handshake.withToken(Nodes.port((i % 2 == 0) ? nodeA : nodeB), token)).isEqualTo(101);
		}
		String refused = Handshake.answer(Nodes.port(nodeA), "/ws", Map.of("Authorization", "Bearer " + token));
		assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After:");
		assertThat(Handshake.withToken(Nodes.port(nodeB), apiB.token("calm"))).isEqualTo(101);
	}

	@Test
	void handshakesPerAddressAreRefusedAndPassAgainOnceTheWindowEnds() {
		String[] tokens = new String[4];
		for (int i = 0; i < tokens.length; i++) {
			tokens[i] = apiA.token("crowd-" + i);
		}
		// 12 per address over both nodes, 4 per user: 3 users x 4 handshakes.
		for (int i = 0; i < 12; i++) {
			assertThat(Handshake.withToken(Nodes.port((i % 2 == 0) ? nodeA : nodeB), tokens[i / 4])).isEqualTo(101);
		}
		assertThat(Handshake.withToken(Nodes.port(nodeA), tokens[3])).isEqualTo(429);

		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> Handshake.withToken(Nodes.port(nodeB), tokens[3]) == 101);
	}

	@Test
	void openSocketsPerUserAreCappedPerNodeAndFreedWhenOneCloses() {
		String token = apiA.token("many-tabs");
		int port = Nodes.port(nodeA);
		try (SocketClient first = SocketClient.connect(port, token);
				SocketClient second = SocketClient.connect(port, token)) {
			first.await("welcome");
			second.await("welcome");
			assertThat(Handshake.withToken(port, token)).isEqualTo(429);
			// Another node counts its own sockets.
			try (SocketClient elsewhere = SocketClient.connect(Nodes.port(nodeB), token)) {
				assertThat(elsewhere.await("welcome")).isNotNull();
			}
			first.close();
			await().atMost(Duration.ofSeconds(10)).until(() -> Handshake.withToken(port, token) == 101);
		}
	}

	private static EntityExchangeResult<JsonNode> login(ChatApi api, String username) {
		return api.client()
			.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username))
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
	}

	private static int search(ChatApi api, String token, String prefix) {
		return api.status(HttpMethod.GET, token, "/api/users?prefix=" + prefix);
	}

	private static int join(ChatApi api, String token, long roomId) {
		return api.client()
			.post()
			.uri("/api/rooms/" + roomId + "/members")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private static int leave(ChatApi api, String token, long roomId) {
		return api.client()
			.delete()
			.uri("/api/rooms/" + roomId + "/members/me")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private static void assertRateLimited(EntityExchangeResult<JsonNode> result) {
		assertThat(result.getStatus().value()).isEqualTo(429);
		String retryAfter = result.getResponseHeaders().getFirst("Retry-After");
		assertThat(retryAfter).isNotNull();
		assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
		assertThat(result.getResponseBody().get("code").asString()).isEqualTo("RATE_LIMITED");
	}

}
