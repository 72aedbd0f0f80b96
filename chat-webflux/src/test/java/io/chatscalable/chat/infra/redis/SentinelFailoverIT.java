package io.chatscalable.chat.infra.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.embedded.RedisSentinelGroup;
import io.chatscalable.infra.testing.InfrastructureExtension;
import io.lettuce.core.api.StatefulRedisConnection;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node configured for Redis Sentinel (and pointed at no Redis otherwise) works through
 * its sentinels, and keeps working when the master dies and a replica is promoted, and
 * again after a planned failover that demotes a running master: the outbox relay (which
 * needs the Redisson lock) keeps publishing, the cache projections (Lettuce) are written
 * to the new master, sockets join and chat, and health reports Redis UP again.
 */
@ExtendWith(InfrastructureExtension.class)
class SentinelFailoverIT {

	private static final Duration FOLLOW_FAILOVER = Duration.ofSeconds(60);

	private static RedisSentinelGroup redis;

	private static ConfigurableApplicationContext node;

	private static ChatApi api;

	@BeforeAll
	static void startSentinelsAndNode() {
		redis = RedisSentinelGroup.start();
		node = Nodes.start("node-sentinel",
				Map.of("spring.data.redis.sentinel.master", RedisSentinelGroup.MASTER_NAME,
						"spring.data.redis.sentinel.nodes", String.join(",", redis.sentinelNodes()),
						// Nothing listens here: a client that ignored the sentinels would
						// fail.
						"spring.data.redis.port", "1", "chat.websocket.frames-per-second", "100000",
						"chat.websocket.frame-burst", "100000"));
		api = new ChatApi(Nodes.port(node));
		awaitRedisHealthUp();
	}

	@AfterAll
	static void stop() {
		if (node != null) {
			node.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void theNodeFollowsTheFailoverOfItsRedisMasterUnderTraffic() {
		int firstMaster = redis.masterPort();
		// New names: the database is shared with the JVM's other tests, and only a signup
		// (not a login) writes the cache.
		String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		JsonNode amy = api.login("amy-" + run, null);
		String amyToken = amy.get("token").asString();
		String benToken = api.token("ben-" + run);
		// The signup reached Redis: the relay held the lock, the projection wrote the
		// master.
		awaitKey(firstMaster, "chat:user:" + amy.get("user").get("id").asLong());
		long before = api.roomWithMembers("before-failover", amyToken, benToken);
		awaitKey(firstMaster, "chat:room:" + before);

		try (SocketClient sender = SocketClient.joined(Nodes.port(node), amyToken, before);
				SocketClient receiver = SocketClient.joined(Nodes.port(node), benToken, before)) {
			sender.sendAndAwaitAcks(before, "before", 5);
			assertThat(receiver.messages(5)).hasSize(5);

			int newMaster = redis.killMasterAndAwaitFailover();
			assertThat(newMaster).isNotEqualTo(firstMaster);

			// Traffic goes on during and after the failover.
			sender.sendAndAwaitAcks(before, "after", 5);
			assertThat(receiver.messages(10)).extracting((m) -> m.get("content").asString())
				.containsExactly("before-0", "before-1", "before-2", "before-3", "before-4", "after-0", "after-1",
						"after-2", "after-3", "after-4");

			// New writes reach the new master: the Redisson lock and Lettuce followed it.
			awaitSignupsReach(newMaster);
			JsonNode cy = api.login("cyd-" + run, null);
			String cyToken = cy.get("token").asString();
			awaitKey(newMaster, "chat:user:" + cy.get("user").get("id").asLong());
			long after = api.roomWithMembers("after-failover", cyToken, amyToken);
			awaitKey(newMaster, "chat:room:" + after);
			awaitKey(newMaster, "chat:room-member:" + after + ":" + amy.get("user").get("id").asLong());
			try (SocketClient cySocket = SocketClient.joined(Nodes.port(node), cyToken, after);
					SocketClient amySocket = SocketClient.joined(Nodes.port(node), amyToken, after)) {
				cySocket.sendAndAwaitAcks(after, "new-room", 3);
				assertThat(amySocket.messages(3)).extracting((m) -> m.get("content").asString())
					.containsExactly("new-room-0", "new-room-1", "new-room-2");
			}
			awaitRedisHealthUp();

			// A planned failover back to the first server, which stays up as a replica:
			// the node must leave the demoted master, not keep writing to a read-only
			// one.
			redis.restartAsReplica(firstMaster);
			int third = redis.failoverAndAwait();
			assertThat(third).isEqualTo(firstMaster);
			awaitSignupsReach(third);
			JsonNode dee = api.login("dee-" + run, null);
			awaitKey(third, "chat:user:" + dee.get("user").get("id").asLong());
			long planned = api.roomWithMembers("after-planned-failover", dee.get("token").asString(), amyToken);
			awaitKey(third, "chat:room:" + planned);
			sender.sendAndAwaitAcks(before, "last", 3);
			assertThat(receiver.messages(13)).extracting((m) -> m.get("content").asString())
				.endsWith("last-0", "last-1", "last-2");
			awaitRedisHealthUp();
		}
	}

	/**
	 * Signs a new user up until one reaches the cache on {@code port}. A cache write in
	 * the seconds before the node has switched to the new master is refused by the old
	 * one and, after the projector's retries, left out (the cache then misses that user
	 * and reads fall back to PostgreSQL); what must hold is that the node switches.
	 */
	private static void awaitSignupsReach(int port) {
		AtomicInteger probes = new AtomicInteger();
		try (StatefulRedisConnection<String, String> connection = redis.connect(port)) {
			await().atMost(FOLLOW_FAILOVER).pollInterval(Duration.ofSeconds(1)).until(() -> {
				String name = "probe-" + port + "-" + probes.incrementAndGet();
				long id = api.login(name, null).get("user").get("id").asLong();
				try {
					await().atMost(Duration.ofSeconds(5))
						.until(() -> connection.sync().exists("chat:user:" + id) == 1L);
					return true;
				}
				catch (ConditionTimeoutException ex) {
					// Written while the node still wrote to the old master: try another.
					return false;
				}
			});
		}
	}

	private static void awaitKey(int port, String key) {
		try (StatefulRedisConnection<String, String> connection = redis.connect(port)) {
			await().atMost(FOLLOW_FAILOVER)
				.untilAsserted(
						() -> assertThat(connection.sync().exists(key)).as("%s on port %d", key, port).isEqualTo(1L));
		}
	}

	private static void awaitRedisHealthUp() {
		await().atMost(FOLLOW_FAILOVER).untilAsserted(() -> {
			// Detailed health is on the management port only.
			JsonNode health = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + Nodes.managementPort(node))
				.build()
				.get()
				.uri("/actuator/health")
				.exchange()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
			assertThat(List.of(health.path("status").asString())).containsExactly("UP");
		});
	}

}
