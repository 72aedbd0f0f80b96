package io.chatscalable.chat.auth;

import java.util.Map;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.embedded.EmbeddedInfrastructure;
import io.chatscalable.infra.testing.InfrastructureExtension;
import io.chatscalable.infra.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The doors' fail-open rules (docs/security.md) with Redis really stopped: a browser's
 * ticket still opens a socket (its single-use mark cannot be set, so it is admitted and
 * counted), and the rate limits fall back to the node's own counter at the same rate, so
 * a flood is still refused while legitimate traffic passes.
 */
@ExtendWith(InfrastructureExtension.class)
class RedisOutageDoorsIT {

	private static final int LOGINS_PER_ADDRESS = 5;

	private static ConfigurableApplicationContext node;

	private static ChatApi api;

	@BeforeAll
	static void startNode() {
		node = Nodes.start("node-doors", Map.of("chat.rate-limits.enabled", "true",
				"chat.rate-limits.login-per-address", LOGINS_PER_ADDRESS + "/1m"));
		api = new ChatApi(Nodes.port(node));
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void withRedisDownTicketsStillOpenSocketsAndTheLimitsCountOnTheNode() {
		EmbeddedInfrastructure servers = TestInfrastructure.embedded().orElse(null);
		assumeThat(servers).as("a Redis this JVM can stop").isNotNull();
		MeterRegistry meters = node.getBean(MeterRegistry.class);
		String token = api.token("doors-" + System.nanoTime());
		servers.stopRedis();
		try {
			String ticket = api.wsTicket(token).get("ticket").asString();
			try (SocketClient socket = SocketClient.connectWithTicket(Nodes.port(node), ticket)) {
				assertThat(socket.await("welcome").get("type").asString()).isEqualTo("welcome");
			}
			assertThat(meters.counter("chat.ws-tickets.unmarked").count()).isGreaterThanOrEqualTo(1);

			// The node's own window starts empty when Redis fails: the rate's worth of
			// logins pass, the next is refused.
			for (int i = 0; i < LOGINS_PER_ADDRESS; i++) {
				assertThat(loginStatus("doors-flood-" + i + "-" + System.nanoTime())).isEqualTo(200);
			}
			JsonNode refused = api.client()
				.post()
				.uri("/api/auth/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("username", "doors-flood-" + System.nanoTime()))
				.exchange()
				.expectStatus()
				.isEqualTo(429)
				.expectHeader()
				.exists("Retry-After")
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(refused.get("code").asString()).isEqualTo("RATE_LIMITED");
			assertThat(meters.counter("chat.ratelimit.fallback").count()).isGreaterThanOrEqualTo(LOGINS_PER_ADDRESS);
		}
		finally {
			servers.startRedis();
		}
	}

	private static int loginStatus(String name) {
		return api.client()
			.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", name))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

}
