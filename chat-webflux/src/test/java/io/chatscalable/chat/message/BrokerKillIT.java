package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.chatscalable.chat.infra.kafka.TopicLayout;
import io.chatscalable.chat.support.KafkaTopicReader;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.embedded.KafkaCluster;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three brokers, topics with three replicas and {@code min.insync.replicas} 2, as the
 * compose cluster runs them: the broker leading the room's partition is crashed (SIGKILL)
 * while messages are being sent, and every message that was acknowledged is still
 * delivered once to the other node's socket, stored once in PostgreSQL and kept in the
 * log; sends go on being acknowledged by the two brokers left.
 */
@ExtendWith(InfrastructureExtension.class)
class BrokerKillIT {

	private static final Logger log = LoggerFactory.getLogger(BrokerKillIT.class);

	private static final String TOPIC = "chat.messages";

	private static final int MESSAGES = 200;

	/** The crash comes after this many sends, while the rest are being sent. */
	private static final int KILL_AFTER = 60;

	/** Sends at the end that must all be acknowledged by the surviving brokers. */
	private static final int LAST_MUST_ACK = 20;

	private static KafkaCluster kafka;

	private static TwoNodes nodes;

	@BeforeAll
	static void startClusterAndNodes() {
		kafka = KafkaCluster.start();
		Map<String, Object> properties = new HashMap<>();
		properties.put("chat.kafka.bootstrap-servers", kafka.bootstrapServers());
		properties.put("chat.kafka.topics.replication-factor", "3");
		properties.put("chat.kafka.topics.min-insync-replicas", "2");
		nodes = TwoNodes.start(properties);
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void crashingTheLeadingBrokerUnderTrafficLosesNoAcknowledgedMessage() throws Exception {
		String ivy = nodes.api.token("ivy");
		String jon = nodes.api.token("jon");
		long roomId = nodes.api.roomWithMembers("broker-kill", ivy, jon);
		int partition = nodes.a.getBean(TopicLayout.class).partitionFor(TOPIC, Long.toString(roomId));
		int leader;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			TopicDescription description = admin.describeTopics(List.of(TOPIC))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(TOPIC);
			assertThat(description.partitions()).allSatisfy((info) -> assertThat(info.replicas()).hasSize(3));
			Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC)))
				.all()
				.get(30, TimeUnit.SECONDS)
				.values()
				.iterator()
				.next();
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
			leader = description.partitions().get(partition).leader().id();
		}

		List<String> acked = new ArrayList<>();
		List<String> notAcked = new ArrayList<>();
		ExecutorService killer = Executors.newSingleThreadExecutor();
		try (SocketClient sender = SocketClient.joined(nodes.portA(), ivy, roomId);
				SocketClient receiver = SocketClient.joined(nodes.portB(), jon, roomId)) {
			CompletableFuture<Void> killed = null;
			long slowest = 0;
			for (int i = 0; i < MESSAGES; i++) {
				if (i == KILL_AFTER) {
					// Concurrently with the next sends: some are in flight when it dies.
					killed = CompletableFuture.runAsync(() -> kafka.kill(leader), killer);
				}
				String id = "m-" + i;
				long sent = System.nanoTime();
				sender.send(sendFrame(id, roomId, id, id));
				JsonNode answer = sender.answerTo(id);
				slowest = Math.max(slowest, System.nanoTime() - sent);
				if (answer != null && "ack".equals(answer.path("type").asString())) {
					acked.add(id);
				}
				else {
					notAcked.add(id + " " + answer);
				}
			}
			killed.get(30, TimeUnit.SECONDS);
			log.info("Broker {} (leader of partition {}) killed after {} sends: {} of {} acked, slowest answer {} ms",
					leader, partition, KILL_AFTER, acked.size(), MESSAGES, slowest / 1_000_000);

			assertThat(acked).as("not acknowledged: %s", notAcked).hasSizeGreaterThanOrEqualTo(KILL_AFTER);
			assertThat(acked).as("the last sends, with two brokers left").containsAll(lastIds());
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(contents(receiver.receivedSoFar())).containsAll(acked));
			assertThat(contents(receiver.receivedSoFar())).doesNotHaveDuplicates();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(storedCounts(roomId)).containsKeys(acked.toArray(String[]::new)));
			assertThat(storedCounts(roomId)).allSatisfy((content, count) -> assertThat(count).as(content).isOne());
			assertThat(KafkaTopicReader.readAll(kafka.bootstrapServers(), TOPIC)).extracting((record) -> record.value())
				.allSatisfy((value) -> assertThat(value).isNotBlank())
				.satisfies((values) -> acked.forEach((id) -> assertThat(values)
					.anySatisfy((value) -> assertThat(value).contains("\"" + id + "\""))));
		}
		finally {
			killer.shutdownNow();
		}
	}

	private static List<String> lastIds() {
		List<String> ids = new ArrayList<>();
		for (int i = MESSAGES - LAST_MUST_ACK; i < MESSAGES; i++) {
			ids.add("m-" + i);
		}
		return ids;
	}

	private static List<String> contents(List<JsonNode> frames) {
		return frames.stream()
			.filter((frame) -> "message".equals(frame.path("type").asString()))
			.map((frame) -> frame.get("content").asString())
			.toList();
	}

	private static Map<String, Long> storedCounts(long roomId) {
		Map<String, Long> counts = new HashMap<>();
		nodes.a.getBean(DatabaseClient.class)
			.sql("SELECT content, count(*) AS n FROM messages WHERE room_id = :room GROUP BY content")
			.bind("room", roomId)
			.map((row) -> Map.entry(row.get("content", String.class), row.get("n", Long.class)))
			.all()
			.doOnNext((entry) -> counts.put(entry.getKey(), entry.getValue()))
			.blockLast(Duration.ofSeconds(10));
		return counts;
	}

}
