package io.chatscalable.chat.session;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.chatscalable.chat.room.RoomEventsFeed;
import io.chatscalable.chat.support.ChatApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.chatscalable.chat.support.IntegrationTest;
import io.chatscalable.chat.support.SocketClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad sends are refused with their codes and cost nothing else (the connection works on,
 * other users see nothing); a client that stops reading is cut off once its bounded queue
 * is full: its session and TCP connection end, and the node's memory stays bounded.
 */
@IntegrationTest
@TestPropertySource(properties = { "chat.websocket.outbound-queue=64", "chat.messages.recovery.max-messages=50",
		"chat.websocket.close-grace=1s", "chat.websocket.frames-per-second=100000",
		"chat.websocket.frame-burst=100000" })
class SendSafetyIT {

	@LocalServerPort
	int port;

	@Autowired
	SessionRegistry registry;

	@Autowired
	RoomEventsFeed roomFeed;

	@Autowired
	MeterRegistry meters;

	ChatApi api;

	@BeforeEach
	void setUp() {
		this.api = new ChatApi(this.port);
	}

	@Test
	void badSendsAreRefusedAndNothingReachesOtherUsers() {
		String carol = this.api.token("carol");
		String watcher = this.api.token("watcher");
		long roomId = this.api.roomWithMembers("strict", carol, watcher);
		long notMine = this.api.createRoom(watcher, "not carol's").get("id").asLong();
		try (SocketClient observer = SocketClient.joined(this.port, watcher, roomId);
				SocketClient client = SocketClient.joined(this.port, carol, roomId)) {
			List<JsonNode> answers = client
				.send("{\"type\":\"send\"", "{\"type\":\"shout\",\"id\":\"t\",\"roomId\":" + roomId + "}",
						sendFrame("n1", notMine, "c1", "not a member, not joined"),
						"{\"type\":\"send\",\"id\":\"n2\",\"roomId\":" + roomId + ",\"content\":\"no client id\"}",
						sendFrame("n3", roomId, "c3", "   "), sendFrame("n4", roomId, "c4", "x".repeat(4001)),
						"{\"type\":\"send\",\"id\":\"n5\",\"roomId\":" + roomId
								+ ",\"clientMessageId\":\"c5\",\"content\":5}",
						"{\"type\":\"send\",\"id\":\"n6\",\"roomId\":\"" + roomId
								+ "\",\"clientMessageId\":\"c6\",\"content\":\"room id as a string\"}",
						sendFrame("n7", roomId, "spaces are not allowed", "bad client id"),
						sendFrame("ok", roomId, "c8", "the only message"))
				.frames(12)
				.subList(2, 12);

			assertThat(answers.subList(0, 9)).extracting((frame) -> frame.get("code").asString())
				.containsExactly("INVALID_JSON", "UNKNOWN_TYPE", "NOT_JOINED", "INVALID_FRAME", "INVALID_FRAME",
						"INVALID_FRAME", "INVALID_FRAME", "INVALID_FRAME", "INVALID_FRAME");
			assertThat(answers.subList(2, 9)).extracting((frame) -> frame.get("id").asString())
				.containsExactly("n1", "n2", "n3", "n4", "n5", "n6", "n7");
			assertThat(answers.get(9).get("type").asString()).isIn("ack", "message");
			assertThat(client.closeStatus()).isNull();

			// The observer gets exactly the one valid message, and nothing else.
			assertThat(observer.messages(1).get(0).get("content").asString()).isEqualTo("the only message");
			observer.send("{\"type\":\"ping\",\"id\":\"sync\"}");
			observer.await("pong");
			assertThat(observer.receivedSoFar()).extracting((frame) -> frame.get("type").asString())
				// Broadcasts of rooms created and joined elsewhere may come at any time.
				.filteredOn((type) -> !SocketClient.BROADCASTS.contains(type))
				.containsExactly("welcome", "joined", "message", "pong");
		}
	}

	@Test
	void contentTheStoreCannotKeepIsRefusedBeforeItIsPublishedAndTheConnectionWorksOn() {
		String hank = this.api.token("hank");
		String watcher = this.api.token("watcher2");
		long roomId = this.api.roomWithMembers("unstorable", hank, watcher);
		try (SocketClient observer = SocketClient.joined(this.port, watcher, roomId);
				SocketClient client = SocketClient.joined(this.port, hank, roomId)) {
			// JSON escapes: the socket's text is valid UTF-8, the decoded content is not
			// storable.
			client.send(sendFrame("z1", roomId, "z-1", "nul \\u0000 inside"),
					sendFrame("z2", roomId, "z-2", "lone high \\ud800"),
					sendFrame("z3", roomId, "z-3", "lone low \\udc00"),
					sendFrame("ok", roomId, "z-4", "storable \\ud83d\\ude00"));

			JsonNode ack = client.await("ack");
			assertThat(ack.get("clientMessageId").asString()).isEqualTo("z-4");
			List<JsonNode> errors = client.receivedSoFar()
				.stream()
				.filter((frame) -> "error".equals(frame.path("type").asString()))
				.toList();
			assertThat(errors).extracting((frame) -> frame.get("id").asString()).containsExactly("z1", "z2", "z3");
			assertThat(errors).extracting((frame) -> frame.get("code").asString()).containsOnly("INVALID_FRAME");
			assertThat(errors.get(0).get("message").asString()).contains("U+0000");
			assertThat(client.receivedSoFar()).noneMatch((frame) -> "ack".equals(frame.path("type").asString())
					&& !"z-4".equals(frame.path("clientMessageId").asString()));
			assertThat(client.closeStatus()).isNull();

			// Nothing was published but the storable message.
			assertThat(observer.messages(1).get(0).get("content").asString()).isEqualTo("storable \ud83d\ude00");
			observer.send("{\"type\":\"ping\",\"id\":\"sync\"}");
			observer.await("pong");
			assertThat(observer.receivedSoFar()).filteredOn((frame) -> "message".equals(frame.path("type").asString()))
				.hasSize(1);
		}
	}

	@Test
	void aMemberRemovedOverRestCanNoLongerSendFromAJoinedSocket() {
		String owner = this.api.token("owner");
		String leaver = this.api.token("leaver");
		long roomId = this.api.roomWithMembers("shrinking", owner, leaver);
		// The feed starts at the latest offset: it must be reading before the leave.
		this.roomFeed.ready().block(Duration.ofSeconds(30));
		try (SocketClient client = SocketClient.joined(this.port, leaver, roomId)) {
			this.api.client()
				.delete()
				.uri("/api/rooms/" + roomId + "/members/me")
				.headers((headers) -> headers.setBearerAuth(leaver))
				.exchange()
				.expectStatus()
				.isNoContent();

			// The MemberLeft event takes the socket out of the room before any send.
			assertThat(client.await("removed").get("roomId").asLong()).isEqualTo(roomId);
			JsonNode answer = client.send(sendFrame("late", roomId, "late-1", "after leaving")).await("error");

			assertThat(answer.get("code").asString()).isEqualTo("NOT_JOINED");
			assertThat(answer.get("id").asString()).isEqualTo("late");
			assertThat(this.registry.inRoom(roomId)).isEmpty();
		}
	}

	@Test
	void aClientThatStopsReadingIsDisconnectedItsConnectionCutAndTheHeapReleased() throws Exception {
		String slow = this.api.token("slowpoke");
		List<String> senders = List.of(this.api.token("sender1"), this.api.token("sender2"), this.api.token("sender3"));
		List<String> members = new ArrayList<>(senders);
		members.add(slow);
		long roomId = this.api.roomWithMembers("firehose", members.toArray(String[]::new));
		long heapBefore = usedHeapAfterGc();
		double terminatedBefore = this.meters.counter("chat.sockets.terminated").count();
		NonReadingClient stalled = NonReadingClient.joined(this.port, slow, roomId);
		ChatSession stalledSession = this.registry.all()
			.stream()
			.filter((session) -> session.user().username().equals("slowpoke"))
			.findAny()
			.orElseThrow();
		List<SocketClient> clients = new ArrayList<>();
		try {
			String content = "y".repeat(3900);
			for (int s = 0; s < senders.size(); s++) {
				SocketClient sender = SocketClient.joined(this.port, senders.get(s), roomId);
				clients.add(sender);
				int index = s;
				// Several megabytes in all: more than the socket buffers and the queue
				// hold.
				sender.send(java.util.stream.IntStream.range(0, 1500)
					.mapToObj((i) -> sendFrame("f" + i, roomId, index + "-" + i, content))
					.toArray(String[]::new));
			}
			// The server's side is gone: the session (the chat.sessions gauge counts the
			// registry) and its TCP connection, cut after the grace since the client
			// cannot read the close frame.
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				assertThat(stalledSession.isClosing()).as("closing").isTrue();
				assertThat(stalledSession.isConnectionOpen()).as("TCP connection open").isFalse();
				assertThat(this.meters.get("chat.sessions").gauge().value()).as("sessions").isEqualTo(senders.size());
			});
			assertThat(this.registry.all()).doesNotContain(stalledSession);
			assertThat(this.registry.inRoom(roomId)).hasSize(senders.size());
			assertThat(this.meters.counter("chat.sockets.terminated").count()).isGreaterThan(terminatedBefore);

			long heapAfter = usedHeapAfterGc();
			// The 4,500 messages (about 18 MB of content) did not pile up for the slow
			// client, and what was queued for it went with its connection.
			assertThat(heapAfter - heapBefore).isLessThan(64L * 1024 * 1024);
			// Reading again, the client finds what its socket buffers held, then the end.
			CompletableFuture<Integer> end = stalled.readToClose();
			await().atMost(Duration.ofSeconds(30)).until(end::isDone);
		}
		finally {
			clients.forEach(SocketClient::close);
			stalled.abort();
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * A WebSocket client that reads the welcome and joined frames, then nothing more: the
	 * JDK client reads only as many messages as requested.
	 */
	static final class NonReadingClient implements WebSocket.Listener {

		private final AtomicInteger received = new AtomicInteger();

		private final CompletableFuture<Void> joined = new CompletableFuture<>();

		private final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private WebSocket socket;

		static NonReadingClient joined(int port, String token, long roomId) throws Exception {
			NonReadingClient client = new NonReadingClient();
			client.socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.header("Authorization", "Bearer " + token)
				.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client)
				.get(10, TimeUnit.SECONDS);
			client.socket.sendText("{\"type\":\"join\",\"id\":\"j\",\"roomId\":" + roomId + "}", true);
			client.joined.get(10, TimeUnit.SECONDS);
			return client;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (data.toString().contains("\"joined\"")) {
				// Stop reading: nothing more is requested.
				this.joined.complete(null);
			}
			else if (this.received.incrementAndGet() < 100) {
				webSocket.request(1);
			}
			return null;
		}

		CompletableFuture<Integer> readToClose() {
			this.socket.request(Long.MAX_VALUE);
			return this.closed;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

		void abort() {
			if (this.socket != null) {
				this.socket.abort();
			}
		}

	}

}
