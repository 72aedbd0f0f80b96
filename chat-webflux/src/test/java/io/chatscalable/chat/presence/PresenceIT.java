package io.chatscalable.chat.presence;

import java.time.Duration;

import io.chatscalable.chat.support.SocialNodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence on two nodes: a member's first socket anywhere announces them online to the
 * room's sockets on the other node, a second socket on another node announces nothing,
 * the last one closing announces them offline; the members list says who is online.
 */
@ExtendWith(InfrastructureExtension.class)
class PresenceIT {

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
	void membersGoOnlineWithTheirFirstSocketAndOfflineWithTheirLast() {
		String ida = nodes.apiA.token("ida");
		JsonNode jon = nodes.apiB.login("jon", null);
		String jonToken = jon.get("token").asString();
		long jonId = jon.get("user").get("id").asLong();
		long roomId = nodes.apiA.roomWithMembers("presence", ida, jonToken);
		try (SocketClient idaA = SocketClient.joined(nodes.portA(), ida, roomId)) {
			assertThat(online(ida, roomId, jonId)).isFalse();
			SocketClient jonB = SocketClient.connect(nodes.portB(), jonToken);
			JsonNode online = presenceOf(idaA, jonId, true);
			assertThat(online.get("roomId").asLong()).isEqualTo(roomId);
			assertThat(online.get("username").asString()).isEqualTo("jon");
			assertThat(online(ida, roomId, jonId)).isTrue();

			// A second socket (on the other node) changes nothing; closing the first
			// leaves jon online.
			SocketClient jonA = SocketClient.connect(nodes.portA(), jonToken);
			jonA.await("welcome");
			jonB.close();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> nodes.b.getBean(PresenceTracker.class).localSockets(jonId) == 0);
			assertThat(online(ida, roomId, jonId)).isTrue();

			jonA.close();
			presenceOf(idaA, jonId, false);
			assertThat(online(ida, roomId, jonId)).isFalse();
			assertThat(idaA.receivedSoFar()).filteredOn((f) -> "presence".equals(f.path("type").asString()))
				.extracting((f) -> f.get("online").asBoolean())
				.containsExactly(true, false);
		}
		nodes.apiB.client()
			.get()
			.uri("/api/rooms/" + roomId + "/members")
			.headers((h) -> h.setBearerAuth(nodes.apiB.token("kim")))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("NOT_A_MEMBER");
		nodes.apiB.client()
			.get()
			.uri("/api/rooms/999999/members")
			.headers((h) -> h.setBearerAuth(ida))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private static JsonNode presenceOf(SocketClient client, long userId, boolean online) {
		return client.received()
			.filter((f) -> "presence".equals(f.path("type").asString()) && f.path("userId").asLong() == userId
					&& f.path("online").asBoolean() == online)
			.blockFirst(Duration.ofSeconds(30));
	}

	/** Whether the members list says the user is online (and lists the caller). */
	static boolean online(String token, long roomId, long userId) {
		JsonNode members = nodes.apiA.get(token, "/api/rooms/" + roomId + "/members").get("members");
		for (JsonNode member : members) {
			if (member.get("userId").asLong() == userId) {
				assertThat(member.get("joinedAt").asString()).isNotBlank();
				assertThat(member.has("lastReadPosition")).isTrue();
				return member.get("online").asBoolean();
			}
		}
		throw new AssertionError("Not a member: " + userId + " in " + members);
	}

}
