package io.chatscalable.chat.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.infra.embedded.FreePorts;
import io.chatscalable.infra.embedded.KafkaServer;
import io.chatscalable.infra.embedded.RedisServer;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node whose Kafka and Redis are its own (real servers, started here), so that they can
 * be stopped without disturbing other tests: with Kafka down, writes still succeed and
 * their outbox rows wait, then drain when it returns; with Redis down, login and room
 * listing work from PostgreSQL.
 */
@ExtendWith(InfrastructureExtension.class)
class DegradedInfrastructureIT {

	private static KafkaServer.Settings kafkaSettings;

	private static RedisServer.Settings redisSettings;

	private static KafkaServer kafka;

	private static RedisServer redis;

	private static ConfigurableApplicationContext node;

	@BeforeAll
	static void start() throws Exception {
		Path directory = Files.createTempDirectory("degraded-");
		kafkaSettings = new KafkaServer.Settings(FreePorts.next(), FreePorts.next(), directory.resolve("kafka"));
		redisSettings = new RedisServer.Settings(FreePorts.next(), directory.resolve("redis"), false);
		kafka = new KafkaServer(kafkaSettings).start();
		redis = new RedisServer(redisSettings).start();
		node = Nodes.start("degraded", Map.of("chat.kafka.bootstrap-servers", kafka.bootstrapServers(),
				"spring.data.redis.port", Integer.toString(redisSettings.port()), "chat.kafka.delivery-timeout", "3s"));
	}

	@AfterAll
	static void stop() {
		node.close();
		kafka.close();
		redis.close();
	}

	@Test
	void withKafkaDownWritesSucceedAndTheirEventsDrainWhenItReturns() {
		ChatApi api = new ChatApi(Nodes.port(node));
		kafka.close();
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(api.login("offline" + i, null).get("created").asBoolean()).isTrue();
			}
			// The relay tries, fails (counted in attempts) and backs off; every row stays
			// pending.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> count("SELECT count(*) FROM outbox WHERE payload->>'username' LIKE 'offline%'"
						+ " AND status = 'PENDING' AND attempts > 0") >= 1);
			assertThat(count("SELECT count(*) FROM outbox WHERE payload->>'username' LIKE 'offline%'"
					+ " AND status = 'PENDING'"))
				.isEqualTo(5);
		}
		finally {
			kafka = new KafkaServer(kafkaSettings).start();
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> count("SELECT count(*) FROM outbox WHERE payload->>'username' LIKE 'offline%'"
					+ " AND status = 'SENT'") == 5);
	}

	@Test
	void withRedisDownLoginAndRoomListingWorkFromPostgres() {
		ChatApi api = new ChatApi(Nodes.port(node));
		JsonNode olga = api.login("olga", "olga's password");
		long roomId = api.createRoom(olga.get("token").asString(), "Resilient").get("id").asLong();
		ReactiveStringRedisTemplate cache = node.getBean(ReactiveStringRedisTemplate.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Boolean.TRUE.equals(cache.hasKey("chat:room:" + roomId).block()));

		redis.close();
		try {
			JsonNode again = api.login("OLGA", "olga's password");
			assertThat(again.get("user").get("id").asLong()).isEqualTo(olga.get("user").get("id").asLong());
			String token = again.get("token").asString();
			api.client()
				.get()
				.uri("/api/rooms?limit=200")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.rooms[?(@.id == " + roomId + ")].name")
				.isEqualTo("Resilient");
			api.client()
				.get()
				.uri("/api/rooms/" + roomId)
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk();
			assertThat(api.createRoom(token, "Created while Redis is down").get("id").asLong()).isPositive();
		}
		finally {
			redis = new RedisServer(redisSettings).start();
		}
	}

	private static long count(String sql) {
		return node.getBean(DatabaseClient.class)
			.sql(sql)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
