package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.support.KafkaTopicReader;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.chat.support.TestKafka;
import io.chatscalable.infra.testing.InfrastructureExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catch-up of a rejoining client does not depend on the message store: what the
 * database does not have yet is read from Kafka, nothing above the node's feed is
 * replayed, and a message that reached Kafka twice is shown, recovered and stored once.
 */
@ExtendWith(InfrastructureExtension.class)
class CatchUpIT {

	private static TwoNodes nodes;

	@BeforeAll
	static void startNodes() {
		nodes = TwoNodes.start();
	}

	@AfterAll
	static void stopNodes() {
		nodes.close();
	}

	@AfterEach
	void everyConsumerRuns() {
		for (ConfigurableApplicationContext node : List.of(nodes.a, nodes.b)) {
			for (Class<? extends io.chatscalable.chat.infra.kafka.ConsumerLifecycle> type : List.of(MessageStore.class,
					MessageFeed.class)) {
				var consumer = node.getBean(type);
				if (!consumer.isRunning()) {
					consumer.start();
				}
			}
		}
	}

	@Test
	void withTheStoreStoppedOnEveryNodeARejoinIsServedFromTheLog() {
		String alice = nodes.api.token("alice");
		String bob = nodes.api.token("bob");
		long roomId = nodes.api.roomWithMembers("store-down", alice, bob);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), alice, roomId)) {
			long lastSeen = sender.sendAndAwaitAcks(roomId, "seen", 1).get(0);
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.storedCount(roomId) == 1);
			stopStores();
			List<Long> missed = sender.sendAndAwaitAcks(roomId, "missed", 30);
			double fromLog = recoveries(nodes.b, "RECOVERED", "log");

			try (SocketClient bobOnB = rejoin(nodes.portB(), bob, roomId, lastSeen)) {
				JsonNode joined = bobOnB.await("joined");
				List<JsonNode> recovered = bobOnB.messages(30);
				List<Long> live = sender.sendAndAwaitAcks(roomId, "live", 3);
				List<JsonNode> all = bobOnB.messages(33);

				assertThat(joined.get("recovery").get("result").asString()).isEqualTo("RECOVERED");
				assertThat(recovered).extracting((m) -> m.get("position").asLong()).containsExactlyElementsOf(missed);
				assertThat(all.subList(30, 33)).extracting((m) -> m.get("position").asLong())
					.containsExactlyElementsOf(live);
				assertThat(recoveries(nodes.b, "RECOVERED", "log")).isEqualTo(fromLog + 1);
			}
			assertThat(nodes.storedCount(roomId)).isEqualTo(1);
		}
		startStores();
		await().atMost(Duration.ofSeconds(30)).until(() -> nodes.storedCount(roomId) == 34);
	}

	@Test
	void whatTheStoreHasComesFromTheDatabaseAndTheRestFromTheLog() {
		String carol = nodes.api.token("carol");
		String dave = nodes.api.token("dave");
		long roomId = nodes.api.roomWithMembers("store-lags", carol, dave);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), carol, roomId)) {
			long lastSeen = sender.sendAndAwaitAcks(roomId, "seen", 1).get(0);
			List<Long> missed = new ArrayList<>(sender.sendAndAwaitAcks(roomId, "stored", 10));
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.storedCount(roomId) == 11);
			stopStores();
			missed.addAll(sender.sendAndAwaitAcks(roomId, "logged", 10));
			double mixed = recoveries(nodes.b, "RECOVERED", "database-and-log");

			try (SocketClient daveOnB = rejoin(nodes.portB(), dave, roomId, lastSeen)) {
				assertThat(daveOnB.await("joined").get("recovery").get("count").asInt()).isEqualTo(20);
				assertThat(daveOnB.messages(20)).extracting((m) -> m.get("position").asLong())
					.containsExactlyElementsOf(missed);
				assertThat(recoveries(nodes.b, "RECOVERED", "database-and-log")).isEqualTo(mixed + 1);
			}
		}
	}

	@Test
	void aNodeWhoseFeedLagsTheDatabaseReplaysOnlyUpToItsFeedAndDeliversTheRestLiveOnce() {
		String erin = nodes.api.token("erin");
		String frank = nodes.api.token("frank");
		long roomId = nodes.api.roomWithMembers("feed-lags", erin, frank);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), erin, roomId)) {
			long lastSeen = sender.sendAndAwaitAcks(roomId, "seen", 1).get(0);
			List<Long> beforeTheStall = sender.sendAndAwaitAcks(roomId, "before", 5);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> nodes.b.getBean(MessageFeed.class).reached(partitionOf(roomId)) >= beforeTheStall.get(4));
			nodes.b.getBean(MessageFeed.class).stop();
			List<Long> duringTheStall = sender.sendAndAwaitAcks(roomId, "during", 5);
			// The database is ahead of node B's feed.
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.storedCount(roomId) == 11);

			try (SocketClient frankOnB = rejoin(nodes.portB(), frank, roomId, lastSeen)) {
				JsonNode joined = frankOnB.await("joined");
				assertThat(joined.get("recovery").get("count").asInt()).isEqualTo(5);
				nodes.b.getBean(MessageFeed.class).start();
				List<JsonNode> all = frankOnB.messages(10);

				List<Long> expected = new ArrayList<>(beforeTheStall);
				expected.addAll(duringTheStall);
				assertThat(all).extracting((m) -> m.get("position").asLong()).containsExactlyElementsOf(expected);
				sender.sendAndAwaitAcks(roomId, "after", 1);
				assertThat(frankOnB.messages(11)).hasSize(11);
				assertThat(frankOnB.receivedSoFar()).filteredOn((f) -> f.path("type").asString().equals("message"))
					.hasSize(11);
			}
		}
	}

	@Test
	void aMessageThatReachedKafkaTwiceIsShownRecoveredAndStoredOnceAndItsResendIsAckedWithTheFirstPosition()
			throws Exception {
		String gina = nodes.api.token("gina");
		String hank = nodes.api.token("hank");
		long roomId = nodes.api.roomWithMembers("copies", gina, hank);
		String bootstrap = nodes.a.getBean(KafkaProperties.class).bootstrapServers();
		String topic = nodes.a.getBean(KafkaProperties.class).topics().messages();
		try (SocketClient sender = SocketClient.joined(nodes.portA(), gina, roomId);
				SocketClient hankOnB = SocketClient.joined(nodes.portB(), hank, roomId)) {
			long lastSeen = sender.sendAndAwaitAcks(roomId, "seen", 1).get(0);
			String clientMessageId = "once-" + UUID.randomUUID();
			sender.send(sendFrame("original", roomId, clientMessageId, "said once"));
			long first = sender.answerTo("original").get("position").asLong();
			// The copy a re-send after a node's death (or a dead-letter replay) makes.
			produceCopyOf(bootstrap, topic, roomId, first);
			long marker = sender.sendAndAwaitAcks(roomId, "marker", 1).get(0);

			List<JsonNode> seen = hankOnB.messages(3);
			assertThat(seen).extracting((m) -> m.get("content").asString())
				.containsExactly("seen-0", "said once", "marker-0");
			assertThat(seen.get(1).get("position").asLong()).isEqualTo(first);

			sender.send(sendFrame("resent", roomId, clientMessageId, "said once"));
			JsonNode resent = sender.answerTo("resent");
			assertThat(resent.get("type").asString()).isEqualTo("ack");
			assertThat(resent.get("duplicate").asBoolean()).isTrue();
			assertThat(resent.get("position").asLong()).isEqualTo(first);

			try (SocketClient rejoined = rejoin(nodes.portA(), hank, roomId, lastSeen)) {
				assertThat(rejoined.await("joined").get("recovery").get("count").asInt()).isEqualTo(2);
				assertThat(rejoined.messages(2)).extracting((m) -> m.get("position").asLong())
					.containsExactly(first, marker);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.storedCount(roomId) == 3);
			assertThat(KafkaTopicReader.readAll(bootstrap, topic)
				.stream()
				.filter((record) -> record.value().contains(clientMessageId))).hasSize(2);
			assertThat(hankOnB.receivedSoFar()).filteredOn((f) -> f.path("type").asString().equals("message"))
				.hasSize(3);
		}
	}

	@Test
	void aNodeStartedAfterTheFirstCopyWarmsItsWindowAndDropsTheSecondCopyToo() throws Exception {
		String kim = nodes.api.token("kim");
		String lou = nodes.api.token("lou");
		long roomId = nodes.api.roomWithMembers("late-node", kim, lou);
		String bootstrap = nodes.a.getBean(KafkaProperties.class).bootstrapServers();
		String topic = nodes.a.getBean(KafkaProperties.class).topics().messages();
		long first;
		try (SocketClient sender = SocketClient.joined(nodes.portA(), kim, roomId)) {
			first = sender.sendAndAwaitAcks(roomId, "before-the-node", 1).get(0);
		}
		ConfigurableApplicationContext nodeC = Nodes.start("node-c", TwoNodes.NO_RATE_LIMIT);
		try {
			nodeC.getBean(MessageFeed.class).ready().block(Duration.ofSeconds(60));
			try (SocketClient louOnC = SocketClient.joined(Nodes.port(nodeC), lou, roomId);
					SocketClient sender = SocketClient.joined(nodes.portA(), kim, roomId)) {
				produceCopyOf(bootstrap, topic, roomId, first);
				long marker = sender.sendAndAwaitAcks(roomId, "marker", 1).get(0);

				assertThat(louOnC.messages(1).get(0).get("position").asLong()).isEqualTo(marker);
				louOnC.send("{\"type\":\"ping\",\"id\":\"sync\"}").await("pong");
				assertThat(louOnC.receivedSoFar()).filteredOn((f) -> f.path("type").asString().equals("message"))
					.hasSize(1);
			}
		}
		finally {
			nodeC.close();
		}
	}

	/**
	 * Produces, as a re-send after a node's death would, a copy of the room's record at
	 * {@code offset}.
	 */
	private static void produceCopyOf(String bootstrap, String topic, long roomId, long offset) throws Exception {
		ConsumerRecord<String, String> original = KafkaTopicReader.readAll(bootstrap, topic)
			.stream()
			.filter((record) -> record.partition() == partitionOf(roomId) && record.offset() == offset)
			.findFirst()
			.orElseThrow();
		try (KafkaProducer<String, String> producer = TestKafka.producer(bootstrap)) {
			ProducerRecord<String, String> copy = new ProducerRecord<>(topic, original.key(), original.value());
			original.headers().forEach((header) -> copy.headers().add(header));
			producer.send(copy).get();
		}
	}

	private static int partitionOf(long roomId) {
		return nodes.a.getBean(io.chatscalable.chat.infra.kafka.TopicLayout.class)
			.partitionFor(nodes.a.getBean(KafkaProperties.class).topics().messages(), Long.toString(roomId));
	}

	private static void stopStores() {
		nodes.a.getBean(MessageStore.class).stop();
		nodes.b.getBean(MessageStore.class).stop();
	}

	private static void startStores() {
		nodes.a.getBean(MessageStore.class).start();
		nodes.b.getBean(MessageStore.class).start();
	}

	private static double recoveries(ConfigurableApplicationContext node, String result, String source) {
		var counter = node.getBean(MeterRegistry.class)
			.find("chat.recovery")
			.tags("result", result, "source", source)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static SocketClient rejoin(int port, String token, long roomId, long lastSeen) {
		SocketClient client = SocketClient.connect(port, token);
		client.send("{\"type\":\"join\",\"id\":\"rejoin\",\"roomId\":" + roomId + ",\"lastSeenPosition\":" + lastSeen
				+ "}");
		return client;
	}

}
