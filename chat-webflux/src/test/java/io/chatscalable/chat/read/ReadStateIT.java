package io.chatscalable.chat.read;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.chatscalable.chat.support.SocialNodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read state on two nodes: unread counts after messages and after a read, receipts seen
 * by a member on the other node, read state reaching the reader's other device on the
 * other node, positions that never move back, PostgreSQL written in batches, and the
 * errors of both ways to mark.
 */
@ExtendWith(InfrastructureExtension.class)
class ReadStateIT {

	private static SocialNodes nodes;

	@BeforeAll
	static void startNodes() {
		nodes = SocialNodes.start();
	}

	@AfterAll
	static void stopNodes() {
		nodes.close();
	}

	@Test
	void unreadCountsFollowMessagesAndReadsAcrossNodesAndDevices() {
		String ann = nodes.apiA.token("ann");
		JsonNode annLogin = nodes.apiA.login("ann", null);
		long annId = annLogin.get("user").get("id").asLong();
		String bob = nodes.apiB.token("bob");
		long roomId = nodes.apiA.roomWithMembers("reading", ann, bob);
		try (SocketClient annA = SocketClient.joined(nodes.portA(), ann, roomId);
				SocketClient annPhoneB = SocketClient.connect(nodes.portB(), ann);
				SocketClient bobB = SocketClient.joined(nodes.portB(), bob, roomId)) {
			annPhoneB.await("welcome");
			List<Long> positions = bobB.sendAndAwaitAcks(roomId, "bob", 3);
			annA.sendAndAwaitAcks(roomId, "ann", 1);

			// Three from bob are unread for ann; her own message is not.
			JsonNode room = await().atMost(Duration.ofSeconds(30))
				.until(() -> myRoom(nodes.apiB.get(ann, "/api/me/rooms"), roomId),
						(r) -> r != null && r.path("lastMessage").path("senderName").asString().equals("ann"));
			assertThat(room.get("unreadCount").asLong()).isEqualTo(3);
			assertThat(room.get("lastReadPosition").asLong()).isEqualTo(-1);
			assertThat(myRoom(nodes.apiA.get(bob, "/api/me/rooms"), roomId).get("unreadCount").asLong()).isEqualTo(1);

			long upTo = positions.get(2);
			annA.send("{\"type\":\"read\",\"id\":\"r1\",\"roomId\":" + roomId + ",\"position\":" + upTo + "}");
			JsonNode marked = annA.answerTo("r1");
			assertThat(marked.get("type").asString()).isEqualTo("marked-read");
			assertThat(marked.get("roomId").asLong()).isEqualTo(roomId);
			assertThat(marked.get("lastReadPosition").asLong()).isEqualTo(upTo);

			// The other member, on the other node, sees the receipt.
			JsonNode receipt = first(bobB, (f) -> "read-receipt".equals(f.path("type").asString()));
			assertThat(receipt.get("roomId").asLong()).isEqualTo(roomId);
			assertThat(receipt.get("userId").asLong()).isEqualTo(annId);
			assertThat(receipt.get("username").asString()).isEqualTo("ann");
			assertThat(receipt.get("lastReadPosition").asLong()).isEqualTo(upTo);
			// Ann's other device, on the other node, resets its count.
			JsonNode state = first(annPhoneB, (f) -> "read-state".equals(f.path("type").asString()));
			assertThat(state.get("roomId").asLong()).isEqualTo(roomId);
			assertThat(state.get("lastReadPosition").asLong()).isEqualTo(upTo);

			// At once in the list (from Redis), and in PostgreSQL after a flush.
			JsonNode after = myRoom(nodes.apiB.get(ann, "/api/me/rooms"), roomId);
			assertThat(after.get("unreadCount").asLong()).isZero();
			assertThat(after.get("lastReadPosition").asLong()).isEqualTo(upTo);
			await().atMost(Duration.ofSeconds(10)).until(() -> storedLastRead(roomId, annId) == upTo);

			// A later message from bob is unread again.
			bobB.sendAndAwaitAcks(roomId, "bob-more", 1);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> myRoom(nodes.apiA.get(ann, "/api/me/rooms"), roomId).get("unreadCount").asLong() == 1);
		}
	}

	@Test
	void aRestMarkNeverMovesBackAndRefusesOutsiders() {
		String cid = nodes.apiA.token("cid");
		String dan = nodes.apiB.token("dan");
		String eve = nodes.apiB.token("eve");
		long roomId = nodes.apiA.roomWithMembers("marks", cid, dan);

		JsonNode first = nodes.apiB.markRead(dan, roomId, 40)
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(first.get("roomId").asLong()).isEqualTo(roomId);
		assertThat(first.get("lastReadPosition").asLong()).isEqualTo(40);
		// Lower, from the other node: the answer is the stored maximum.
		nodes.apiA.markRead(dan, roomId, 10)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.lastReadPosition")
			.isEqualTo(40);

		nodes.apiA.markRead(eve, roomId, 1)
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("NOT_A_MEMBER");
		nodes.apiA.markRead(cid, 999_999, 1)
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("ROOM_NOT_FOUND");
		nodes.apiA.markRead(cid, roomId, -1)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("INVALID_POSITION");
		nodes.apiA.markRead(cid, roomId, "x").expectStatus().isBadRequest();
	}

	@Test
	void aSocketMarksOnlyRoomsItJoinedWithAValidPosition() {
		String fay = nodes.apiA.token("fay");
		long roomId = nodes.apiA.roomWithMembers("socket-marks", fay);
		try (SocketClient socket = SocketClient.connect(nodes.portA(), fay)) {
			socket.send("{\"type\":\"read\",\"id\":\"r1\",\"roomId\":" + roomId + ",\"position\":5}");
			assertThat(socket.answerTo("r1").get("code").asString()).isEqualTo("NOT_JOINED");
			socket.send("{\"type\":\"read\",\"id\":\"r2\",\"roomId\":" + roomId + ",\"position\":-5}");
			assertThat(socket.answerTo("r2").get("code").asString()).isEqualTo("INVALID_FRAME");
			socket.send("{\"type\":\"read\",\"id\":\"r3\",\"roomId\":" + roomId + "}");
			assertThat(socket.answerTo("r3").get("code").asString()).isEqualTo("INVALID_FRAME");
			socket.send("{\"type\":\"join\",\"id\":\"j\",\"roomId\":" + roomId + "}");
			socket.answerTo("j");
			socket.send("{\"type\":\"read\",\"id\":\"r4\",\"roomId\":" + roomId + ",\"position\":7}",
					"{\"type\":\"read\",\"id\":\"r5\",\"roomId\":" + roomId + ",\"position\":3}");
			assertThat(socket.answerTo("r4").get("lastReadPosition").asLong()).isEqualTo(7);
			assertThat(socket.answerTo("r5").get("lastReadPosition").asLong()).isEqualTo(7);
		}
	}

	private static JsonNode first(SocketClient client, Predicate<JsonNode> matching) {
		return client.received().filter(matching::test).blockFirst(Duration.ofSeconds(30));
	}

	private static JsonNode myRoom(JsonNode page, long roomId) {
		for (JsonNode room : page.get("rooms")) {
			if (room.get("id").asLong() == roomId) {
				return room;
			}
		}
		return null;
	}

	private static long storedLastRead(long roomId, long userId) {
		return nodes.a.getBean(DatabaseClient.class)
			.sql("SELECT last_read_position FROM room_members WHERE room_id = :room AND user_id = :user")
			.bind("room", roomId)
			.bind("user", userId)
			.map((row) -> row.get("last_read_position", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
