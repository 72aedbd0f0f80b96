package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes sharing PostgreSQL, Redis and Kafka: messages sent on one node reach sockets
 * on both, acknowledged with their position; every member of a room sees the room's
 * messages in one order; the store holds each message once.
 */
@ExtendWith(InfrastructureExtension.class)
class ChatMessagingIT {

	private static TwoNodes nodes;

	@BeforeAll
	static void startNodes() {
		nodes = TwoNodes.start();
	}

	@AfterAll
	static void stopNodes() {
		nodes.close();
	}

	@Test
	void clientsOnTwoNodesReceiveEachOthersMessagesInTheSameOrderWithPositions() {
		String alice = nodes.api.token("alice");
		String bob = nodes.api.token("bob");
		long roomId = nodes.api.roomWithMembers("pair", alice, bob);
		try (SocketClient onA = SocketClient.joined(nodes.portA(), alice, roomId);
				SocketClient onB = SocketClient.joined(nodes.portB(), bob, roomId)) {
			onA.send(sendFrame("a1", roomId, "alice-1", "hello from A"));
			JsonNode ack = onA.await("ack");
			onB.send(sendFrame("b1", roomId, "bob-1", "hello from B"));

			List<JsonNode> seenOnA = onA.messages(2);
			List<JsonNode> seenOnB = onB.messages(2);

			assertThat(ack.get("id").asString()).isEqualTo("a1");
			assertThat(ack.get("duplicate").asBoolean()).isFalse();
			assertThat(seenOnA).extracting((m) -> m.get("content").asString())
				.containsExactly("hello from A", "hello from B");
			assertThat(seenOnB).extracting((m) -> m.get("messageId").asString())
				.containsExactlyElementsOf(seenOnA.stream().map((m) -> m.get("messageId").asString()).toList());
			assertThat(seenOnA.get(0).get("position").asLong()).isEqualTo(ack.get("position").asLong());
			assertThat(seenOnA.get(0).get("messageId").asString()).isEqualTo(ack.get("messageId").asString());
			assertThat(seenOnA.get(1).get("position").asLong()).isGreaterThan(seenOnA.get(0).get("position").asLong());
			assertThat(seenOnB.get(0).get("senderName").asString()).isEqualTo("alice");
		}
	}

	@Test
	void fiveSendersOnTwoNodesAndEveryReceiverSeesOneOrderAndTheDatabaseHoldsEachOnce() {
		int senders = 5;
		int perSender = 200;
		int total = senders * perSender;
		List<String> tokens = IntStream.range(0, senders).mapToObj((i) -> nodes.api.token("sender" + i)).toList();
		String watcherA = nodes.api.token("watcher-a");
		String watcherB = nodes.api.token("watcher-b");
		List<String> everyone = new ArrayList<>(tokens);
		everyone.add(watcherA);
		everyone.add(watcherB);
		long roomId = nodes.api.roomWithMembers("crowd", everyone.toArray(String[]::new));
		List<SocketClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < senders; i++) {
				clients.add(SocketClient.joined((i % 2 == 0) ? nodes.portA() : nodes.portB(), tokens.get(i), roomId));
			}
			clients.add(SocketClient.joined(nodes.portA(), watcherA, roomId));
			clients.add(SocketClient.joined(nodes.portB(), watcherB, roomId));

			// All at once: every sender's frames go out without waiting for acks.
			for (int i = 0; i < senders; i++) {
				int sender = i;
				clients.get(i)
					.send(IntStream.range(0, perSender)
						.mapToObj((n) -> sendFrame("s" + n, roomId, sender + "-" + n, sender + ":" + n))
						.toArray(String[]::new));
			}

			List<List<String>> orders = clients.stream()
				.map((client) -> client.messages(total).stream().map((m) -> m.get("messageId").asString()).toList())
				.toList();
			List<JsonNode> reference = clients.get(senders).messages(total);

			assertThat(orders).allSatisfy((order) -> assertThat(order).containsExactlyElementsOf(orders.get(0)));
			assertThat(orders.get(0)).hasSize(total).doesNotHaveDuplicates();
			assertThat(reference).extracting((m) -> m.get("position").asLong()).isSorted().doesNotHaveDuplicates();
			for (int s = 0; s < senders; s++) {
				String prefix = s + ":";
				List<Integer> sequence = reference.stream()
					.map((m) -> m.get("content").asString())
					.filter((content) -> content.startsWith(prefix))
					.map((content) -> Integer.parseInt(content.substring(prefix.length())))
					.toList();
				assertThat(sequence).hasSize(perSender).isSorted();
			}
			// Every send was acked, none was nacked. An ack may come after the message it
			// acknowledges went round the fan-out, so wait for the last ones.
			for (int i = 0; i < senders; i++) {
				SocketClient client = clients.get(i);
				await().atMost(Duration.ofSeconds(30)).until(() -> frameCount(client, "ack") == perSender);
				assertThat(frameCount(client, "nack")).isZero();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.storedCount(roomId) == total);
			long last = reference.get(total - 1).get("position").asLong();
			JsonNode newest = nodes.api.history(everyone.get(0), roomId, "?limit=1").get("messages").get(0);
			assertThat(newest.get("position").asLong()).isEqualTo(last);
			assertThat(nodes.storedCount(roomId)).isEqualTo(total);
		}
		finally {
			clients.forEach(SocketClient::close);
		}
	}

	@Test
	void theSameClientMessageIdSentTwiceIsStoredAndDeliveredOnce() {
		String dave = nodes.api.token("dave");
		String erin = nodes.api.token("erin");
		long roomId = nodes.api.roomWithMembers("retries", dave, erin);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), dave, roomId);
				SocketClient receiver = SocketClient.joined(nodes.portB(), erin, roomId)) {
			sender.send(sendFrame("first", roomId, "dave-1", "only once"));
			JsonNode firstAck = sender.await("ack");
			// The retry of a client that missed the ack, on another node.
			try (SocketClient retry = SocketClient.joined(nodes.portB(), dave, roomId)) {
				retry.send(sendFrame("again", roomId, "dave-1", "only once"));
				JsonNode secondAck = retry.await("ack");
				assertThat(secondAck.get("duplicate").asBoolean()).isTrue();
				assertThat(secondAck.get("messageId").asString()).isEqualTo(firstAck.get("messageId").asString());
				assertThat(secondAck.get("position").asLong()).isEqualTo(firstAck.get("position").asLong());
			}
			// A later message marks the point by which a duplicate would have arrived.
			sender.send(sendFrame("marker", roomId, "dave-2", "after"));

			List<JsonNode> seen = receiver.messages(2);

			assertThat(seen).extracting((m) -> m.get("content").asString()).containsExactly("only once", "after");
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.storedCount(roomId) == 2);
			assertThat(nodes.api.history(dave, roomId, "").get("messages")).hasSize(2);
		}
	}

	@Test
	void aNodeThatStopsClosesItsSocketsWithGoingAwayAndLeavesItsConsumerGroupAtOnce() throws Exception {
		String henry = nodes.api.token("henry");
		String iris = nodes.api.token("iris");
		long roomId = nodes.api.roomWithMembers("shutdown", henry, iris);
		// A long session timeout for this node's consumers, so that "left at once" and
		// "timed out" are far apart even on a loaded machine.
		Map<String, Object> properties = new HashMap<>(TwoNodes.NO_RATE_LIMIT);
		properties.put("chat.kafka.session-timeout", "45s");
		ConfigurableApplicationContext nodeC = Nodes.start("node-c", properties);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				nodes.a.getBean(KafkaProperties.class).bootstrapServers()))) {
			Mono.when(nodeC.getBean(MessageFeed.class).ready(), nodeC.getBean(MessageStore.class).ready())
				.block(Duration.ofSeconds(60));
			await().atMost(Duration.ofSeconds(30)).until(() -> storeMembers(admin) == 3);
			try (SocketClient onC = SocketClient.joined(Nodes.port(nodeC), henry, roomId);
					SocketClient onA = SocketClient.joined(nodes.portA(), iris, roomId)) {
				onC.send(sendFrame("last", roomId, "henry-last", "sent just before the shutdown"));
				onC.await("ack");

				nodeC.close();

				await().atMost(Duration.ofSeconds(10)).until(() -> onC.closeStatus() != null);
				assertThat(onC.closeStatus().getCode()).isEqualTo(1001);
				// Left, not timed out: its session timeout (45 s) is far from over.
				await().atMost(Duration.ofSeconds(20)).until(() -> storeMembers(admin) == 2);
				assertThat(onA.messages(1).get(0).get("content").asString()).isEqualTo("sent just before the shutdown");
			}
		}
		finally {
			nodeC.close();
		}
	}

	private static long frameCount(SocketClient client, String type) {
		return client.receivedSoFar().stream().filter((f) -> f.path("type").asString().equals(type)).count();
	}

	private static int storeMembers(Admin admin) throws Exception {
		return admin.describeConsumerGroups(List.of(MessageStore.GROUP_ID))
			.describedGroups()
			.get(MessageStore.GROUP_ID)
			.get(10, TimeUnit.SECONDS)
			.members()
			.size();
	}

}
