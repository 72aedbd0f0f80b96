package io.chatscalable.chat.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.chatscalable.chat.message.MessageFeed;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Private rooms and direct conversations on every path, against a real node: to a user
 * who is not a member they do not exist (REST get, listing, join, add, history: 404
 * ROOM_NOT_FOUND; socket join with or without recovery: ROOM_NOT_FOUND; send:
 * NOT_JOINED), and their room-created frame reaches their members' sockets only. A member
 * adds a member, whose open sockets get member-joined; a direct conversation is one room
 * per pair, however often and concurrently it is asked for.
 */
@ExtendWith(InfrastructureExtension.class)
class PrivateRoomIT {

	private static ConfigurableApplicationContext node;

	private static ChatApi api;

	private static int port;

	@BeforeAll
	static void startNode() {
		node = Nodes.start("node-a",
				Map.of("chat.websocket.frames-per-second", "100000", "chat.websocket.frame-burst", "100000"));
		Mono.when(node.getBean(RoomEventsFeed.class).ready(), node.getBean(MessageFeed.class).ready())
			.block(Duration.ofSeconds(60));
		api = new ChatApi(Nodes.port(node));
		port = Nodes.port(node);
	}

	@AfterAll
	static void stopNode() {
		node.close();
	}

	@Test
	void aPrivateRoomDoesNotExistForOutsidersUntilAMemberAddsThem() {
		User alice = User.login("alice");
		User bob = User.login("bob");
		User carol = User.login("carol");
		try (SocketClient aliceSocket = SocketClient.connect(port, alice.token);
				SocketClient bobSocket = SocketClient.connect(port, bob.token)) {
			aliceSocket.await("welcome");
			bobSocket.await("welcome");
			JsonNode room = createRoom(alice, "secret plans", "PRIVATE");
			long roomId = room.get("id").asLong();
			assertThat(room.get("visibility").asString()).isEqualTo("PRIVATE");
			assertThat(room.get("kind").asString()).isEqualTo("ROOM");

			JsonNode announced = aliceSocket.await("room-created");
			assertThat(announced.get("room").get("id").asLong()).isEqualTo(roomId);
			assertThat(announced.get("room").get("visibility").asString()).isEqualTo("PRIVATE");
			assertNoRoomCreated(bobSocket, roomId);

			List<Long> positions;
			try (SocketClient aliceInRoom = SocketClient.joined(port, alice.token, roomId)) {
				positions = aliceInRoom.sendAndAwaitAcks(roomId, "plan", 4);
			}
			assertInvisible(bob, roomId);

			// A non-member cannot add anyone, not even themselves.
			assertThat(addMember(bob, roomId, bob.id)).isEqualTo(404);
			assertThat(addMember(alice, roomId, bob.id)).isEqualTo(200);
			assertThat(addMember(alice, roomId, bob.id)).isEqualTo(200);
			// Bob's open socket, in no room, learns that he is a member now.
			JsonNode added = bobSocket.await("member-joined");
			assertThat(added.get("roomId").asLong()).isEqualTo(roomId);
			assertThat(added.get("userId").asLong()).isEqualTo(bob.id);

			assertThat(get(bob, "/api/rooms/" + roomId)).isEqualTo(200);
			assertThat(listedIds(bob)).contains(roomId);
			// The store writes shortly after the acks.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> api.history(bob.token, roomId, "").get("messages").size() == 4);
			try (SocketClient bobInRoom = SocketClient.connect(port, bob.token)) {
				// Recovery of what came after the first message (positions are the
				// partition's offsets, so the first may be 0).
				bobInRoom.send("{\"type\":\"join\",\"id\":\"j\",\"roomId\":" + roomId + ",\"lastSeenPosition\":"
						+ positions.get(0) + "}");
				JsonNode joined = bobInRoom.answerTo("j");
				assertThat(joined.get("type").asString()).as(joined.toString()).isEqualTo("joined");
				assertThat(joined.get("recovery").get("result").asString()).as(joined.toString())
					.isEqualTo("RECOVERED");
				assertThat(joined.get("recovery").get("count").asInt()).as(joined.toString()).isEqualTo(3);
				assertThat(bobInRoom.messages(3)).hasSize(3);
			}
			// The others still see nothing.
			assertInvisible(carol, roomId);
		}
	}

	@Test
	void publicRoomsStayOpenAndListedForEveryone() {
		User dan = User.login("dan");
		User erin = User.login("erin");
		long roomId = createRoom(dan, "lobby", null).get("id").asLong();
		assertThat(get(erin, "/api/rooms/" + roomId)).isEqualTo(200);
		assertThat(listedIds(erin)).contains(roomId);
		// A public room's non-member may see it, so is told to join.
		assertThat(code(erin, "/api/rooms/" + roomId + "/messages")).isEqualTo("NOT_A_MEMBER");
		assertThat(join(erin, roomId)).isEqualTo(200);
	}

	@Test
	void aDirectConversationIsOneRoomPerPairPrivateToThem() throws Exception {
		User fay = User.login("fay");
		User gus = User.login("gus");
		User hal = User.login("hal");
		try (SocketClient faySocket = SocketClient.connect(port, fay.token);
				SocketClient gusSocket = SocketClient.connect(port, gus.token);
				SocketClient halSocket = SocketClient.connect(port, hal.token)) {
			faySocket.await("welcome");
			gusSocket.await("welcome");
			halSocket.await("welcome");

			// Both users, eight times each, all at once: one room.
			ExecutorService pool = Executors.newFixedThreadPool(8);
			List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
			try {
				for (int i = 0; i < 16; i++) {
					User caller = (i % 2 == 0) ? fay : gus;
					User other = (caller == fay) ? gus : fay;
					calls.add(CompletableFuture.supplyAsync(() -> direct(caller, other.id), pool));
				}
				Set<Long> roomIds = new HashSet<>();
				for (CompletableFuture<JsonNode> call : calls) {
					JsonNode room = call.get();
					assertThat(room.get("kind").asString()).isEqualTo("DIRECT");
					assertThat(room.get("visibility").asString()).isEqualTo("PRIVATE");
					roomIds.add(room.get("id").asLong());
				}
				assertThat(roomIds).hasSize(1);
			}
			finally {
				pool.shutdownNow();
			}
			long roomId = direct(fay, gus.id).get("id").asLong();
			assertThat(directRows()).isEqualTo(1);
			assertThat(roomsNamed("fay & gus")).isEqualTo(1);

			assertThat(faySocket.await("room-created").get("room").get("kind").asString()).isEqualTo("DIRECT");
			assertThat(gusSocket.await("room-created").get("room").get("id").asLong()).isEqualTo(roomId);
			assertNoRoomCreated(halSocket, roomId);

			try (SocketClient fayInRoom = SocketClient.joined(port, fay.token, roomId);
					SocketClient gusInRoom = SocketClient.joined(port, gus.token, roomId)) {
				fayInRoom.sendAndAwaitAcks(roomId, "hi", 1);
				assertThat(gusInRoom.messages(1).get(0).get("content").asString()).isEqualTo("hi-0");
			}
			assertInvisible(hal, roomId);
			assertThat(addMember(hal, roomId, hal.id)).isEqualTo(404);
			// Nobody joins a direct conversation, not even by a member's hand.
			assertThat(addMember(fay, roomId, hal.id)).isEqualTo(403);
			assertThat(listedIds(fay)).contains(roomId);
			assertThat(listedIds(gus)).contains(roomId);

			// With oneself, or with nobody: refused.
			assertThat(directStatus(fay, fay.id)).isEqualTo(400);
			assertThat(directStatus(fay, 999_999)).isEqualTo(404);
		}
	}

	/** Every path answers as if the room did not exist. */
	private static void assertInvisible(User outsider, long roomId) {
		assertThat(code(outsider, "/api/rooms/" + roomId)).isEqualTo("ROOM_NOT_FOUND");
		assertThat(code(outsider, "/api/rooms/" + roomId + "/messages")).isEqualTo("ROOM_NOT_FOUND");
		assertThat(code(outsider, "/api/rooms/" + roomId + "/members")).isEqualTo("ROOM_NOT_FOUND");
		assertThat(markRead(outsider, roomId)).isEqualTo("ROOM_NOT_FOUND");
		assertThat(listedIds(outsider)).doesNotContain(roomId);
		assertThat(join(outsider, roomId)).isEqualTo(404);
		try (SocketClient socket = SocketClient.connect(port, outsider.token)) {
			socket.send("{\"type\":\"join\",\"id\":\"j1\",\"roomId\":" + roomId + "}",
					"{\"type\":\"join\",\"id\":\"j2\",\"roomId\":" + roomId + ",\"lastSeenPosition\":0}",
					sendFrame("s1", roomId, "sneak-" + System.nanoTime(), "sneaking in"));
			assertThat(socket.answerTo("j1").get("code").asString()).isEqualTo("ROOM_NOT_FOUND");
			assertThat(socket.answerTo("j2").get("code").asString()).isEqualTo("ROOM_NOT_FOUND");
			assertThat(socket.answerTo("s1").get("code").asString()).isEqualTo("NOT_JOINED");
			assertThat(socket.receivedSoFar()).noneMatch((frame) -> "message".equals(frame.path("type").asString()));
		}
	}

	/**
	 * The room's room-created frame never reached the socket: a pong asked for now
	 * arrives after anything queued before it, and the relay offers a creation to every
	 * recipient at once, so it would be there.
	 */
	private static void assertNoRoomCreated(SocketClient socket, long roomId) {
		socket.send("{\"type\":\"ping\",\"id\":\"after-creation\"}");
		assertThat(socket.answerTo("after-creation")).isNotNull();
		assertThat(socket.receivedSoFar()).noneMatch((frame) -> "room-created".equals(frame.path("type").asString())
				&& frame.path("room").path("id").asLong() == roomId);
	}

	private static JsonNode createRoom(User user, String name, String visibility) {
		Map<String, String> body = (visibility != null) ? Map.of("name", name, "visibility", visibility)
				: Map.of("name", name);
		return api.client()
			.post()
			.uri("/api/rooms")
			.headers((headers) -> headers.setBearerAuth(user.token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static int directStatus(User caller, long otherId) {
		return api.status(HttpMethod.POST, caller.token, "/api/direct/" + otherId);
	}

	private static int addMember(User actor, long roomId, long userId) {
		return api.status(HttpMethod.POST, actor.token, "/api/rooms/" + roomId + "/members/" + userId);
	}

	private static int join(User user, long roomId) {
		return api.status(HttpMethod.POST, user.token, "/api/rooms/" + roomId + "/members");
	}

	private static int get(User user, String path) {
		return api.status(HttpMethod.GET, user.token, path);
	}

	private static String markRead(User user, long roomId) {
		return api.markRead(user.token, roomId, 1)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("code")
			.asString();
	}

	private static JsonNode direct(User caller, long otherId) {
		return api.client()
			.post()
			.uri("/api/direct/" + otherId)
			.headers((headers) -> headers.setBearerAuth(caller.token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static String code(User user, String path) {
		JsonNode body = api.client()
			.get()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(user.token))
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return body.path("code").asString();
	}

	private static List<Long> listedIds(User user) {
		JsonNode page = api.client()
			.get()
			.uri("/api/rooms?limit=200")
			.headers((headers) -> headers.setBearerAuth(user.token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		List<Long> ids = new ArrayList<>();
		page.get("rooms").forEach((room) -> ids.add(room.get("id").asLong()));
		return ids;
	}

	private static long directRows() {
		return count("SELECT count(*) AS n FROM direct_conversations");
	}

	private static long roomsNamed(String name) {
		return node.getBean(DatabaseClient.class)
			.sql("SELECT count(*) AS n FROM rooms WHERE name = :name")
			.bind("name", name)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

	private static long count(String sql) {
		return node.getBean(DatabaseClient.class)
			.sql(sql)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

	private record User(long id, String token) {

		static User login(String name) {
			JsonNode login = api.login(name, null);
			return new User(login.get("user").get("id").asLong(), login.get("token").asString());
		}

	}

}
