package io.chatscalable.chat.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Handshake;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How credentials travel, against two real nodes: never a token in a URL; WebSocket
 * tickets are single-use, short-lived and good on any node; a socket is closed with 4002
 * when its login token expires; browsers' handshakes must come from an allowed origin.
 * Node B issues short login tokens (4 s) for the expiry tests; both share the secret.
 */
@ExtendWith(InfrastructureExtension.class)
class TokenTransportIT {

	private static final String ALLOWED = "https://chat.example.com";

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	private static ChatApi apiA;

	private static ChatApi apiB;

	@BeforeAll
	static void startNodes() {
		Map<String, Object> common = Map.of("chat.web.allowed-origins", ALLOWED + ",http://localhost:5173",
				"chat.ws-tickets.ttl", "2s");
		nodeA = Nodes.start("node-a", common);
		Map<String, Object> shortTokens = new java.util.HashMap<>(common);
		shortTokens.put("chat.auth.token-ttl", "4s");
		nodeB = Nodes.start("node-b", shortTokens);
		apiA = new ChatApi(Nodes.port(nodeA));
		apiB = new ChatApi(Nodes.port(nodeB));
	}

	@AfterAll
	static void stopNodes() {
		nodeA.close();
		nodeB.close();
	}

	@Test
	void aTokenInTheUrlIsRefusedEverywhereAndTheHeaderWorks() {
		String token = apiA.token("url-user");
		for (String path : new String[] { "/api/rooms?access_token=" + token, "/api/ws-tickets?access_token=" + token,
				"/livez?access_token=" + token }) {
			apiA.client()
				.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("TOKEN_IN_URL");
		}
		// Even beside a valid header.
		apiA.client()
			.get()
			.uri("/api/rooms?access_token=" + token)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(Handshake.status(Nodes.port(nodeA), "/ws?access_token=" + token, Map.of())).isEqualTo(400);

		apiA.client()
			.get()
			.uri("/api/rooms")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(Handshake.withToken(Nodes.port(nodeA), token)).isEqualTo(101);
	}

	@Test
	void aTicketFromOneNodeOpensASocketOnAnotherOnceOnly() {
		JsonNode login = apiA.login("ticket-user", null);
		String token = login.get("token").asString();
		JsonNode ticket = ticket(apiA, token);
		assertThat(Instant.parse(ticket.get("expiresAt").asString())).isBefore(Instant.now().plusSeconds(3));

		try (SocketClient socket = SocketClient.connectWithTicket(Nodes.port(nodeB), ticket.get("ticket").asString())) {
			JsonNode welcome = socket.await("welcome");
			assertThat(welcome.get("userId").asLong()).isEqualTo(login.get("user").get("id").asLong());
			assertThat(welcome.get("username").asString()).isEqualTo("ticket-user");
		}
		// Used: refused on every node.
		assertThat(Handshake.status(Nodes.port(nodeA), "/ws?ticket=" + ticket.get("ticket").asString(), Map.of()))
			.isEqualTo(401);
		assertThat(Handshake.status(Nodes.port(nodeB), "/ws?ticket=" + ticket.get("ticket").asString(), Map.of()))
			.isEqualTo(401);
	}

	@Test
	void aTicketExpiresUnusedAndIsNoLoginTokenNorTheReverse() {
		String token = apiA.token("expiring-ticket");
		String ticket = ticket(apiA, token).get("ticket").asString();
		// Not a bearer token for REST, and a login token is not a ticket.
		apiA.client()
			.get()
			.uri("/api/rooms")
			.headers((headers) -> headers.setBearerAuth(ticket))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(Handshake.status(Nodes.port(nodeA), "/ws?ticket=" + token, Map.of())).isEqualTo(401);
		assertThat(Handshake.status(Nodes.port(nodeA), "/ws?ticket=forged", Map.of())).isEqualTo(401);
		assertThat(Handshake.status(Nodes.port(nodeA), "/ws", Map.of())).isEqualTo(401);
		apiA.client().post().uri("/api/ws-tickets").exchange().expectStatus().isUnauthorized();

		// 2 s of life and 1 s of clock skew: unusable after 3 s.
		await().pollDelay(Duration.ofMillis(3100))
			.atMost(Duration.ofSeconds(10))
			.until(() -> Handshake.status(Nodes.port(nodeB), "/ws?ticket=" + ticket, Map.of()) == 401);
		String fresh = ticket(apiA, token).get("ticket").asString();
		assertThat(Handshake.status(Nodes.port(nodeB), "/ws?ticket=" + fresh, Map.of())).isEqualTo(101);
	}

	@Test
	void aSocketIsClosedWith4002WhenItsLoginTokenExpiresAndTheTokenNoLongerConnects() {
		// Node B issues 4 s tokens; the sockets are on node A, which verifies them.
		String token = apiB.token("expiring-login");
		String ticket = ticket(apiB, token).get("ticket").asString();
		try (SocketClient byHeader = SocketClient.connect(Nodes.port(nodeA), token);
				SocketClient byTicket = SocketClient.connectWithTicket(Nodes.port(nodeA), ticket)) {
			byHeader.await("welcome");
			byTicket.await("welcome");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> byHeader.closeStatus() != null && byTicket.closeStatus() != null);
			assertThat(byHeader.closeStatus().getCode()).isEqualTo(4002);
			assertThat(byTicket.closeStatus().getCode()).isEqualTo(4002);
		}
		// Once past the 5 s of clock skew the nodes allow, the token opens nothing.
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> Handshake.withToken(Nodes.port(nodeA), token) == 401);
		apiA.client()
			.get()
			.uri("/api/rooms")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aBrowserHandshakeMustComeFromAnAllowedOrTheNodesOwnOriginWhileOneWithoutOriginPasses() {
		String token = apiA.token("origin-user");
		int port = Nodes.port(nodeA);
		assertThat(Handshake.status(port, "/ws",
				Map.of("Authorization", "Bearer " + token, "Origin", "https://evil.example")))
			.isEqualTo(403);
		String ticket = ticket(apiA, token).get("ticket").asString();
		// Another node's page is another origin.
		assertThat(Handshake.status(port, "/ws?ticket=" + ticket,
				Map.of("Origin", "http://127.0.0.1:" + Nodes.port(nodeB))))
			.isEqualTo(403);
		// A page this node served is its own origin.
		assertThat(Handshake.status(port, "/ws",
				Map.of("Authorization", "Bearer " + token, "Origin", "http://127.0.0.1:" + port)))
			.isEqualTo(101);
		String allowed = ticket(apiA, token).get("ticket").asString();
		assertThat(Handshake.status(port, "/ws?ticket=" + allowed, Map.of("Origin", ALLOWED))).isEqualTo(101);
		assertThat(Handshake.status(port, "/ws",
				Map.of("Authorization", "Bearer " + token, "Origin", "http://localhost:5173")))
			.isEqualTo(101);
		assertThat(Handshake.withToken(port, token)).isEqualTo(101);
	}

	private static JsonNode ticket(ChatApi api, String token) {
		return api.wsTicket(token);
	}

}
