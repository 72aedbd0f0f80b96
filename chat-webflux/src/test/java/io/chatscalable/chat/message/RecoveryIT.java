package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that reconnects, to any node, with the last position it saw gets what it
 * missed, in order, exactly once, then live messages with no gap or duplicate at the
 * seam; when too much was missed it is told to reload history, which the REST API serves
 * to members.
 */
@ExtendWith(InfrastructureExtension.class)
class RecoveryIT {

	private static final int MAX_RECOVERY = 100;

	private static TwoNodes nodes;

	@BeforeAll
	static void startNodes() {
		nodes = TwoNodes.start(Map.of("chat.messages.recovery.max-messages", MAX_RECOVERY));
	}

	@AfterAll
	static void stopNodes() {
		nodes.close();
	}

	@Test
	void aClientThatReconnectsToTheOtherNodeGetsExactlyWhatItMissedThenLiveMessages() {
		String alice = nodes.api.token("alice");
		String bob = nodes.api.token("bob");
		long roomId = nodes.api.roomWithMembers("recovery", alice, bob);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), alice, roomId)) {
			long lastSeen;
			try (SocketClient bobOnA = SocketClient.joined(nodes.portA(), bob, roomId)) {
				sender.send(sendFrame("s0", roomId, "before", "seen before the disconnect"));
				lastSeen = bobOnA.messages(1).get(0).get("position").asLong();
			}
			List<Long> missedPositions = sender.sendAndAwaitAcks(roomId, "missed", 50);

			try (SocketClient bobOnB = SocketClient.connect(nodes.portB(), bob)) {
				bobOnB.send("{\"type\":\"join\",\"id\":\"rejoin\",\"roomId\":" + roomId + ",\"lastSeenPosition\":"
						+ lastSeen + "}");
				JsonNode joined = bobOnB.await("joined");
				List<JsonNode> recovered = bobOnB.messages(50);
				List<Long> livePositions = sender.sendAndAwaitAcks(roomId, "live", 5);
				List<JsonNode> all = bobOnB.messages(55);

				assertThat(joined.get("recovery").get("result").asString()).isEqualTo("RECOVERED");
				assertThat(joined.get("recovery").get("count").asInt()).isEqualTo(50);
				assertThat(recovered).extracting((m) -> m.get("position").asLong())
					.containsExactlyElementsOf(missedPositions);
				assertThat(recovered).extracting((m) -> m.get("content").asString())
					.containsExactlyElementsOf(IntStream.range(0, 50).mapToObj((i) -> "missed-" + i).toList());
				assertThat(all.subList(50, 55)).extracting((m) -> m.get("position").asLong())
					.containsExactlyElementsOf(livePositions);
				assertThat(bobOnB.receivedSoFar()).filteredOn((f) -> f.path("type").asString().equals("message"))
					.hasSize(55);
				// joined comes before the first recovered message
				List<String> types = bobOnB.receivedSoFar().stream().map((f) -> f.path("type").asString()).toList();
				assertThat(types.indexOf("joined")).isLessThan(types.indexOf("message"));
			}
		}
	}

	/**
	 * A client that has seen nothing of a room joins with -1 and gets all of it, also
	 * what was acked but not stored yet: the gap that a live-only join plus a history
	 * page read before the store caught up would leave.
	 */
	@Test
	void aClientThatSawNothingOfTheRoomJoinsWithMinusOneAndGetsItAll() {
		String carl = nodes.api.token("carl-" + System.nanoTime());
		String dora = nodes.api.token("dora-" + System.nanoTime());
		long roomId = nodes.api.roomWithMembers("from the start", carl, dora);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), carl, roomId);
				SocketClient doraOnB = SocketClient.connect(nodes.portB(), dora)) {
			List<Long> sent = sender.sendAndAwaitAcks(roomId, "early", 5);
			doraOnB.send("{\"type\":\"join\",\"id\":\"all\",\"roomId\":" + roomId + ",\"lastSeenPosition\":-1}");
			JsonNode joined = doraOnB.answerTo("all");
			assertThat(joined.get("recovery").get("result").asString()).as(joined.toString()).isEqualTo("RECOVERED");
			assertThat(joined.get("recovery").get("count").asInt()).isEqualTo(5);
			assertThat(doraOnB.messages(5)).extracting((m) -> m.get("position").asLong())
				.containsExactlyElementsOf(sent);
			List<Long> live = sender.sendAndAwaitAcks(roomId, "later", 1);
			assertThat(doraOnB.messages(6).get(5).get("position").asLong()).isEqualTo(live.get(0));
		}
	}

	@Test
	void recoveryWhileMessagesKeepComingHasNoGapAndNoDuplicateAtTheSeam() {
		String carol = nodes.api.token("carol");
		String dan = nodes.api.token("dan");
		long roomId = nodes.api.roomWithMembers("seam", carol, dan);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), carol, roomId)) {
			List<Long> first = sender.sendAndAwaitAcks(roomId, "warm-up", 1);
			long lastSeen = first.get(0);
			// 60 messages, acked one by one, while dan rejoins on the other node.
			CompletableFuture<List<Long>> sending = CompletableFuture
				.supplyAsync(() -> sender.sendAndAwaitAcks(roomId, "stream", 60));
			try (SocketClient danOnB = SocketClient.connect(nodes.portB(), dan)) {
				danOnB.send("{\"type\":\"join\",\"id\":\"rejoin\",\"roomId\":" + roomId + ",\"lastSeenPosition\":"
						+ lastSeen + "}");
				List<Long> sent = sending.join();
				List<JsonNode> received = danOnB.messages(60);

				assertThat(danOnB.await("joined").get("recovery").get("result").asString()).isEqualTo("RECOVERED");
				assertThat(received).extracting((m) -> m.get("position").asLong()).containsExactlyElementsOf(sent);
			}
		}
	}

	@Test
	void aClientThatMissedTooMuchIsToldToReloadHistoryAndHistoryPagesBackwards() {
		String erin = nodes.api.token("erin");
		String frank = nodes.api.token("frank");
		long roomId = nodes.api.roomWithMembers("busy", erin, frank);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), erin, roomId)) {
			List<Long> positions = sender.sendAndAwaitAcks(roomId, "m", MAX_RECOVERY + 20);
			try (SocketClient late = SocketClient.connect(nodes.portB(), frank)) {
				late.send("{\"type\":\"join\",\"id\":\"j\",\"roomId\":" + roomId + ",\"lastSeenPosition\":0}");
				JsonNode joined = late.await("joined");
				assertThat(joined.get("recovery").get("result").asString()).isEqualTo("TOO_OLD");
			}
			// History is what the store has: it follows the acks by a few milliseconds.
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.storedCount(roomId) == positions.size());
			JsonNode latest = nodes.api.history(frank, roomId, "?limit=50");
			JsonNode older = nodes.api.history(frank, roomId, "?limit=50&before=" + latest.get("nextBefore").asLong());
			List<Long> pages = new ArrayList<>();
			older.get("messages").forEach((m) -> pages.add(m.get("position").asLong()));
			latest.get("messages").forEach((m) -> pages.add(m.get("position").asLong()));
			assertThat(pages).containsExactlyElementsOf(positions.subList(positions.size() - 100, positions.size()));
			assertThat(latest.get("messages").get(0).get("senderName").asString()).isEqualTo("erin");
		}
	}

	@Test
	void historyIsForMembersOnly() {
		String owner = nodes.api.token("owner");
		String stranger = nodes.api.token("stranger");
		long roomId = nodes.api.createRoom(owner, "private").get("id").asLong();

		nodes.api.client()
			.get()
			.uri("/api/rooms/" + roomId + "/messages")
			.headers((headers) -> headers.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("NOT_A_MEMBER");
		nodes.api.client()
			.get()
			.uri("/api/rooms/999999/messages")
			.headers((headers) -> headers.setBearerAuth(owner))
			.exchange()
			.expectStatus()
			.isNotFound();
		nodes.api.client()
			.get()
			.uri("/api/rooms/" + roomId + "/messages?limit=0")
			.headers((headers) -> headers.setBearerAuth(owner))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("INVALID_PAGE");
		assertThat(nodes.api.history(owner, roomId, "").get("messages")).isEmpty();
	}

}
