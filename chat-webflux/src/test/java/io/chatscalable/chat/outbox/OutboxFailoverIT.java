package io.chatscalable.chat.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.room.RoomCreated;
import io.chatscalable.chat.room.RoomEventsFeed;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.KafkaTopicReader;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.infra.testing.InfrastructureExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes sharing PostgreSQL, Redis and Kafka: only the lock holder drains; when it
 * stops or dies mid-drain, the other takes over and every row reaches Kafka. Also: a room
 * created on one node reaches the other's live feed.
 */
@ExtendWith(InfrastructureExtension.class)
class OutboxFailoverIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Enough that the holder is still draining when it stops: its shutdown runs the
	 * sockets' and consumers' stops first, and a few thousand rows can drain meanwhile.
	 */
	private static final int ROWS = 10_000;

	private static final Map<String, Object> SMALL_BATCHES = Map.of("chat.outbox.batch-size", "10");

	private ConfigurableApplicationContext nodeA;

	private ConfigurableApplicationContext nodeB;

	@BeforeEach
	void startNodes() {
		this.nodeA = Nodes.start("node-a", SMALL_BATCHES);
		this.nodeB = Nodes.start("node-b", SMALL_BATCHES);
	}

	@AfterEach
	void stopNodes() {
		for (ConfigurableApplicationContext node : List.of(this.nodeA, this.nodeB)) {
			if (node.isActive()) {
				node.close();
			}
		}
	}

	@Test
	void onlyTheHolderDrainsAndTheOtherTakesOverWhenItStopsMidBatch() {
		ConfigurableApplicationContext holder = awaitHolder();
		ConfigurableApplicationContext other = (holder == this.nodeA) ? this.nodeB : this.nodeA;
		String holderId = nodeId(holder);

		writeRows(holder, 50, "warm-up");
		await().atMost(Duration.ofSeconds(30)).until(() -> pending(holder) == 0);
		assertThat(publishers(holder, "warm-up")).containsOnly(holderId);

		// Committed at once, so the holder is mid-drain, not keeping pace with the
		// writes, when it stops.
		writeRows(holder, ROWS, "failover");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> sent(holder) > 100);
		holder.close();
		assertThat(pending(other)).isPositive();

		await().atMost(Duration.ofSeconds(60)).until(() -> pending(other) == 0);
		assertThat(leaderGauge(other)).isEqualTo(1.0);
		Set<Long> published = publishedIds(other, "failover");
		Set<Long> written = outboxIds(other, "failover");
		assertThat(written).hasSize(ROWS);
		assertThat(published).containsAll(written);
		assertThat(publishers(other, "failover")).containsExactlyInAnyOrder(holderId, nodeId(other));
	}

	@Test
	void whenTheHolderDiesItsLockExpiresAndTheOtherTakesOver() {
		ConfigurableApplicationContext holder = awaitHolder();
		ConfigurableApplicationContext other = (holder == this.nodeA) ? this.nodeB : this.nodeA;

		// The holder's Redis client dies without unlocking, as in a crash: its lock
		// renewals stop.
		holder.getBean(RedissonClient.class).shutdown();
		writeRows(other, 100, "after-crash");

		// The lock expires after the watchdog timeout (3 s in tests); the other node's
		// next poll takes it.
		await().atMost(Duration.ofSeconds(20)).until(() -> pending(other) == 0);
		assertThat(leaderGauge(other)).isEqualTo(1.0);
	}

	@Test
	void aRoomCreatedOnOneNodeReachesTheOtherNodesFeed() {
		RoomEventsFeed feedB = this.nodeB.getBean(RoomEventsFeed.class);
		feedB.ready().block(Duration.ofSeconds(30));
		Flux<RoomCreated> seen = feedB.events()
			.ofType(RoomCreated.class)
			.filter((room) -> room.name().equals("Lobby"))
			.take(1)
			.cache();
		seen.subscribe();

		ChatApi apiA = new ChatApi(Nodes.port(this.nodeA));
		long roomId = apiA.createRoom(apiA.token("zoe"), "Lobby").get("id").asLong();

		StepVerifier.create(seen)
			.assertNext((room) -> assertThat(room.roomId()).isEqualTo(roomId))
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	private ConfigurableApplicationContext awaitHolder() {
		await().atMost(Duration.ofSeconds(30)).until(() -> leaderGauge(this.nodeA) + leaderGauge(this.nodeB) == 1.0);
		return (leaderGauge(this.nodeA) == 1.0) ? this.nodeA : this.nodeB;
	}

	private static double leaderGauge(ConfigurableApplicationContext node) {
		return node.getBean(MeterRegistry.class).get("chat.outbox.leader").gauge().value();
	}

	private static String nodeId(ConfigurableApplicationContext node) {
		return node.getEnvironment().getRequiredProperty("chat.node.id");
	}

	/**
	 * Writes {@code count} rows in one statement, so they become visible (and drainable)
	 * at once.
	 */
	private static void writeRows(ConfigurableApplicationContext node, int count, String prefix) {
		node.getBean(DatabaseClient.class)
			.sql("INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload)"
					+ " SELECT 'user', :prefix || '-' || (n % 40), 'FailoverProbe', jsonb_build_object('n', n)"
					+ " FROM generate_series(1, :count) AS n")
			.bind("prefix", prefix)
			.bind("count", count)
			.then()
			.block(Duration.ofSeconds(60));
	}

	private static long pending(ConfigurableApplicationContext node) {
		return count(node, "SELECT count(*) FROM outbox WHERE status = 'PENDING'");
	}

	private static long sent(ConfigurableApplicationContext node) {
		return count(node, "SELECT count(*) FROM outbox WHERE status = 'SENT'");
	}

	private static Set<Long> outboxIds(ConfigurableApplicationContext node, String prefix) {
		return Set.copyOf(node.getBean(DatabaseClient.class)
			.sql("SELECT id FROM outbox WHERE aggregate_id LIKE '" + prefix + "-%'")
			.map((row) -> row.get(0, Long.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(10)));
	}

	private static List<ConsumerRecord<String, String>> records(ConfigurableApplicationContext node, String prefix) {
		KafkaProperties kafka = node.getBean(KafkaProperties.class);
		return KafkaTopicReader.readAll(kafka.bootstrapServers(), kafka.topics().users())
			.stream()
			.filter((record) -> record.key().startsWith(prefix + "-"))
			.toList();
	}

	private static Set<Long> publishedIds(ConfigurableApplicationContext node, String prefix) {
		return records(node, prefix).stream()
			.map((record) -> JSON.readTree(record.value()).get("eventId").asLong())
			.collect(Collectors.toSet());
	}

	private static Set<String> publishers(ConfigurableApplicationContext node, String prefix) {
		return records(node, prefix).stream()
			.map((record) -> new String(record.headers().lastHeader(OutboxRelay.PUBLISHER_HEADER).value(),
					StandardCharsets.UTF_8))
			.collect(Collectors.toSet());
	}

	private static long count(ConfigurableApplicationContext node, String sql) {
		return node.getBean(DatabaseClient.class)
			.sql(sql)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
