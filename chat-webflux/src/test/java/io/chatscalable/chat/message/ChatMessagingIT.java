package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.chatscalable.chat.support.ChatApi;
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

/**
 * Two nodes sharing PostgreSQL, Redis and Kafka: messages sent on one node reach sockets
 * on both, acknowledged with their position, and every member of a room sees the room's
 * messages in one order.
 */
@ExtendWith(InfrastructureExtension.class)
class ChatMessagingIT {

	/**
	 * Test clients send in bursts; the per-socket frame limit is not what is tested here.
	 */
	private static final Map<String, Object> NO_RATE_LIMIT = Map.of("chat.websocket.frames-per-second", "100000",
			"chat.websocket.frame-burst", "100000");

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	private static ChatApi api;

	@BeforeAll
	static void startNodes() {
		nodeA = Nodes.start("node-a", NO_RATE_LIMIT);
		nodeB = Nodes.start("node-b", NO_RATE_LIMIT);
		for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
			node.getBean(MessageFeed.class).ready().block(Duration.ofSeconds(30));
		}
		api = new ChatApi(Nodes.port(nodeA));
	}

	@AfterAll
	static void stopNodes() {
		nodeA.close();
		nodeB.close();
	}

	@Test
	void clientsOnTwoNodesReceiveEachOthersMessagesInTheSameOrderWithPositions() {
		String alice = api.token("alice");
		String bob = api.token("bob");
		long roomId = roomWithMembers("pair", alice, bob);
		try (SocketClient onA = joined(nodeA, alice, roomId); SocketClient onB = joined(nodeB, bob, roomId)) {
			onA.send(send("a1", roomId, "alice-1", "hello from A"));
			JsonNode ack = onA.await("ack");
			onB.send(send("b1", roomId, "bob-1", "hello from B"));

			List<JsonNode> seenOnA = messages(onA, 2);
			List<JsonNode> seenOnB = messages(onB, 2);

			assertThat(ack.get("id").asString()).isEqualTo("a1");
			assertThat(seenOnA).extracting((m) -> m.get("content").asString())
				.containsExactly("hello from A", "hello from B");
			assertThat(seenOnB).extracting((m) -> m.get("messageId").asString())
				.containsExactlyElementsOf(seenOnA.stream().map((m) -> m.get("messageId").asString()).toList());
			assertThat(seenOnA.get(0).get("position").asLong()).isEqualTo(ack.get("position").asLong());
			assertThat(seenOnA.get(1).get("position").asLong()).isGreaterThan(seenOnA.get(0).get("position").asLong());
			assertThat(seenOnB.get(0).get("senderName").asString()).isEqualTo("alice");
		}
	}

	@Test
	void fiveSendersOnTwoNodesAndEveryReceiverSeesOneOrder() {
		int senders = 5;
		int perSender = 200;
		List<String> tokens = IntStream.range(0, senders).mapToObj((i) -> api.token("sender" + i)).toList();
		String watcherA = api.token("watcher-a");
		String watcherB = api.token("watcher-b");
		List<String> everyone = new ArrayList<>(tokens);
		everyone.add(watcherA);
		everyone.add(watcherB);
		long roomId = roomWithMembers("crowd", everyone.toArray(String[]::new));
		List<SocketClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < senders; i++) {
				clients.add(joined((i % 2 == 0) ? nodeA : nodeB, tokens.get(i), roomId));
			}
			clients.add(joined(nodeA, watcherA, roomId));
			clients.add(joined(nodeB, watcherB, roomId));

			for (int i = 0; i < senders; i++) {
				int sender = i;
				clients.get(i)
					.send(IntStream.range(0, perSender)
						.mapToObj((n) -> send("s" + n, roomId, sender + "-" + n, sender + ":" + n))
						.toArray(String[]::new));
			}

			List<List<String>> orders = clients.stream()
				.map((client) -> messages(client, senders * perSender).stream()
					.map((m) -> m.get("messageId").asString())
					.toList())
				.toList();
			List<JsonNode> reference = messages(clients.get(senders), senders * perSender);

			assertThat(orders).allSatisfy((order) -> assertThat(order).containsExactlyElementsOf(orders.get(0)));
			assertThat(orders.get(0)).hasSize(senders * perSender).doesNotHaveDuplicates();
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
		}
		finally {
			clients.forEach(SocketClient::close);
		}
	}

	@Test
	void invalidSendsAreRefusedWithTheirCodes() {
		String carol = api.token("carol");
		long roomId = roomWithMembers("strict", carol);
		long otherRoom = roomWithMembers("elsewhere", carol);
		try (SocketClient client = joined(nodeA, carol, roomId)) {
			List<JsonNode> answers = client
				.send(send("n1", otherRoom, "c1", "not joined"),
						"{\"type\":\"send\",\"id\":\"n2\",\"roomId\":" + roomId + ",\"content\":\"no client id\"}",
						send("n3", roomId, "c3", "   "), send("n4", roomId, "c4", "x".repeat(4001)),
						"{\"type\":\"send\",\"id\":\"n5\",\"roomId\":" + roomId
								+ ",\"clientMessageId\":\"c5\",\"content\":5}",
						send("ok", roomId, "c6", "fine"))
				.frames(8)
				.subList(2, 8);

			assertThat(answers.subList(0, 5)).extracting((frame) -> frame.get("code").asString())
				.containsExactly("NOT_JOINED", "INVALID_FRAME", "INVALID_FRAME", "INVALID_FRAME", "INVALID_FRAME");
			assertThat(answers.get(5).get("type").asString()).isIn("ack", "message");
		}
	}

	private static long roomWithMembers(String name, String... tokens) {
		long roomId = api.createRoom(tokens[0], name).get("id").asLong();
		for (String token : tokens) {
			api.client()
				.post()
				.uri("/api/rooms/" + roomId + "/members")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk();
		}
		return roomId;
	}

	private static SocketClient joined(ConfigurableApplicationContext node, String token, long roomId) {
		SocketClient client = SocketClient.connect(Nodes.port(node), token);
		client.send("{\"type\":\"join\",\"id\":\"join\",\"roomId\":" + roomId + "}");
		client.await("joined");
		return client;
	}

	private static String send(String id, long roomId, String clientMessageId, String content) {
		return "{\"type\":\"send\",\"id\":\"" + id + "\",\"roomId\":" + roomId + ",\"clientMessageId\":\""
				+ clientMessageId + "\",\"content\":\"" + content + "\"}";
	}

	private static List<JsonNode> messages(SocketClient client, int count) {
		return client.received()
			.filter((frame) -> "message".equals(frame.path("type").asString()))
			.take(count)
			.collectList()
			.block(Duration.ofSeconds(60));
	}

}
