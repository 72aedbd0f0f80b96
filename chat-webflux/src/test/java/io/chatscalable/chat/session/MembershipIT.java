package io.chatscalable.chat.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.message.MessageFeed;
import io.chatscalable.chat.room.RoomEventsFeed;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.PausedPostgres;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Membership on two nodes: join and leave over REST write one outbox event each; a leave
 * takes the user's joined sockets out of the room on every node; and with PostgreSQL
 * frozen, socket joins are answered from the Redis projection while sends are acked and
 * delivered.
 */
@ExtendWith(InfrastructureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MembershipIT {

	private static ConfigurableApplicationContext nodeA;

	private static ConfigurableApplicationContext nodeB;

	private static ChatApi apiA;

	private static ChatApi apiB;

	@BeforeAll
	static void startNodes() {
		Map<String, Object> properties = Map.of("chat.websocket.frames-per-second", "100000",
				"chat.websocket.frame-burst", "100000", "chat.rooms.membership-check-timeout", "1s");
		nodeA = Nodes.start("node-a", properties);
		nodeB = Nodes.start("node-b", properties);
		for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
			Mono.when(node.getBean(RoomEventsFeed.class).ready(), node.getBean(MessageFeed.class).ready())
				.block(Duration.ofSeconds(60));
		}
		apiA = new ChatApi(Nodes.port(nodeA));
		apiB = new ChatApi(Nodes.port(nodeB));
	}

	@AfterAll
	static void stopNodes() {
		nodeA.close();
		nodeB.close();
	}

	@Test
	@Order(1)
	void joinAndLeaveWriteOneOutboxRowEachInTheirOwnTransaction() {
		String ruth = apiA.token("ruth");
		JsonNode sam = apiB.login("sam", null);
		String samToken = sam.get("token").asString();
		long samId = sam.get("user").get("id").asLong();
		long roomId = apiA.createRoom(ruth, "ledger").get("id").asLong();

		member(apiB, "POST", samToken, roomId, 200);
		member(apiB, "POST", samToken, roomId, 200);

		assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'room' AND aggregate_id = '" + roomId
				+ "' AND event_type = 'MemberJoined'"))
			.isEqualTo(1);
		// now() is the transaction's start time: equal timestamps mean one transaction.
		assertThat(count("SELECT count(*) FROM outbox o JOIN room_members m ON m.room_id = " + roomId
				+ " AND m.user_id = " + samId + " WHERE o.aggregate_type = 'room' AND o.aggregate_id = '" + roomId
				+ "' AND o.event_type = 'MemberJoined' AND o.created_at = m.joined_at AND (o.payload->>'userId')::bigint = "
				+ samId + " AND o.payload->>'username' = 'sam'"))
			.isEqualTo(1);

		member(apiA, "DELETE", samToken, roomId, 204);
		member(apiA, "DELETE", samToken, roomId, 204);

		assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'room' AND aggregate_id = '" + roomId
				+ "' AND event_type = 'MemberLeft' AND (payload->>'userId')::bigint = " + samId
				+ " AND (payload->>'leftAt')::timestamptz = created_at"))
			.isEqualTo(1);
		// RoomCreated, MemberJoined, MemberLeft: the repeats wrote nothing.
		assertThat(
				count("SELECT count(*) FROM outbox WHERE aggregate_type = 'room' AND aggregate_id = '" + roomId + "'"))
			.isEqualTo(3);
	}

	@Test
	@Order(2)
	void aLeaveOverRestRemovesTheUsersSocketsOnEveryNodeAndTellsTheOthers() {
		String ann = apiA.token("ann");
		JsonNode ben = apiA.login("ben", null);
		String benToken = ben.get("token").asString();
		long benId = ben.get("user").get("id").asLong();
		String cid = apiB.token("cid");
		long roomId = apiA.roomWithMembers("leaving", ann, benToken, cid);
		try (SocketClient annA = SocketClient.joined(Nodes.port(nodeA), ann, roomId);
				SocketClient benA = SocketClient.joined(Nodes.port(nodeA), benToken, roomId);
				SocketClient benB = SocketClient.joined(Nodes.port(nodeB), benToken, roomId);
				SocketClient cidB = SocketClient.joined(Nodes.port(nodeB), cid, roomId)) {
			member(apiB, "DELETE", benToken, roomId, 204);

			for (SocketClient removed : List.of(benA, benB)) {
				JsonNode frame = removed.await("removed");
				assertThat(frame.get("roomId").asLong()).isEqualTo(roomId);
				assertThat(frame.get("reason").asString()).isEqualTo("LEFT");
			}
			for (SocketClient other : List.of(annA, cidB)) {
				JsonNode frame = other.await("member-left");
				assertThat(frame.get("roomId").asLong()).isEqualTo(roomId);
				assertThat(frame.get("userId").asLong()).isEqualTo(benId);
				assertThat(frame.get("leftAt").asLong()).isPositive();
			}
			JsonNode refused = benA.send(sendFrame("after", roomId, "ben-after", "gone")).await("error");
			assertThat(refused.get("code").asString()).isEqualTo("NOT_JOINED");
			assertThat(refused.get("id").asString()).isEqualTo("after");

			// The room's messages no longer reach the leaver's sockets.
			annA.send(sendFrame("s1", roomId, "ann-1", "still here"));
			assertThat(cidB.messages(1).get(0).get("content").asString()).isEqualTo("still here");
			assertThat(annA.messages(1).get(0).get("content").asString()).isEqualTo("still here");
			for (SocketClient removed : List.of(benA, benB)) {
				removed.send("{\"type\":\"ping\",\"id\":\"sync\"}").await("pong");
				assertThat(removed.receivedSoFar()).extracting((frame) -> frame.get("type").asString())
					.doesNotContain("message", "member-left");
			}

			JsonNode dot = apiA.login("dot", null);
			member(apiA, "POST", dot.get("token").asString(), roomId, 200);
			long dotId = dot.get("user").get("id").asLong();
			for (SocketClient other : List.of(annA, cidB)) {
				// Earlier joins (ben's, cid's) may have been announced to this socket
				// too.
				JsonNode frame = other.received()
					.filter((f) -> "member-joined".equals(f.path("type").asString())
							&& f.path("userId").asLong() == dotId)
					.blockFirst(Duration.ofSeconds(30));
				assertThat(frame.get("roomId").asLong()).isEqualTo(roomId);
				assertThat(frame.get("username").asString()).isEqualTo("dot");
			}
		}
	}

	@Test
	@Order(3)
	void withPostgresFrozenJoinsAreAnsweredFromRedisAndSendsAreAckedAndDelivered() {
		Assumptions.assumeTrue(PausedPostgres.available(), "needs the embedded PostgreSQL of this JVM");
		String eve = apiA.token("eve");
		JsonNode fay = apiB.login("fay", null);
		String fayToken = fay.get("token").asString();
		long fayId = fay.get("user").get("id").asLong();
		String gil = apiB.token("gil");
		long roomId = apiA.roomWithMembers("frozen", eve, fayToken);
		ReactiveStringRedisTemplate redis = nodeA.getBean(ReactiveStringRedisTemplate.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "JOINED".equals(redis.<String, String>opsForHash()
				.get("chat:room-member:" + roomId + ":" + fayId, "state")
				.block(Duration.ofSeconds(5))));

		try (SocketClient eveA = SocketClient.joined(Nodes.port(nodeA), eve, roomId);
				SocketClient fayB = SocketClient.connect(Nodes.port(nodeB), fayToken);
				SocketClient gilB = SocketClient.connect(Nodes.port(nodeB), gil)) {
			fayB.await("welcome");
			gilB.await("welcome");
			try (PausedPostgres paused = PausedPostgres.pause()) {
				DatabaseClient database = nodeA.getBean(DatabaseClient.class);
				assertThatThrownBy(() -> database.sql("SELECT 1").fetch().one().block(Duration.ofMillis(500)))
					.hasMessageContaining("Timeout");

				long begin = System.nanoTime();
				JsonNode joined = fayB.send("{\"type\":\"join\",\"id\":\"j\",\"roomId\":" + roomId + "}")
					.await("joined");
				assertThat(joined.get("roomId").asLong()).isEqualTo(roomId);
				assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
				JsonNode unknown = gilB.send("{\"type\":\"join\",\"id\":\"g\",\"roomId\":" + roomId + "}")
					.await("error");
				assertThat(unknown.get("code").asString()).isEqualTo("UNAVAILABLE");
				assertThat(unknown.get("id").asString()).isEqualTo("g");

				eveA.send(sendFrame("e1", roomId, "eve-1", "while postgres sleeps"));
				assertThat(eveA.await("ack").get("clientMessageId").asString()).isEqualTo("eve-1");
				assertThat(fayB.messages(1).get(0).get("content").asString()).isEqualTo("while postgres sleeps");
				fayB.send(sendFrame("f1", roomId, "fay-1", "me too"));
				assertThat(fayB.await("ack").get("clientMessageId").asString()).isEqualTo("fay-1");
				assertThat(eveA.messages(2).get(1).get("content").asString()).isEqualTo("me too");
			}
		}
	}

	private static void member(ChatApi api, String method, String token, long roomId, int status) {
		String uri = "/api/rooms/" + roomId + "/members" + ("DELETE".equals(method) ? "/me" : "");
		var request = "DELETE".equals(method) ? api.client().delete().uri(uri) : api.client().post().uri(uri);
		request.headers((headers) -> headers.setBearerAuth(token)).exchange().expectStatus().isEqualTo(status);
	}

	private static long count(String sql) {
		return nodeA.getBean(DatabaseClient.class)
			.sql(sql)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
