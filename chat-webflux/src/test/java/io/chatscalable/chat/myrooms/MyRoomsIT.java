package io.chatscalable.chat.myrooms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * The room list on two nodes: ordered by the last message (sent through either node), a
 * room without messages by when the caller joined it; previews cut; pages that follow one
 * another; bad pages refused.
 */
@ExtendWith(InfrastructureExtension.class)
class MyRoomsIT {

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
	void roomsComeMostRecentActivityFirstWithPreviewAndPages() {
		String gus = nodes.apiA.token("gus");
		String hal = nodes.apiB.token("hal");
		long first = nodes.apiA.roomWithMembers("first", gus, hal);
		long second = nodes.apiA.roomWithMembers("second", gus, hal);
		long quiet = nodes.apiA.roomWithMembers("quiet", gus, hal);
		String longText = "x".repeat(200);
		try (SocketClient halB = SocketClient.joined(nodes.portB(), hal, second);
				SocketClient halA = SocketClient.joined(nodes.portA(), hal, first)) {
			halB.sendAndAwaitAcks(second, "in-second", 1);
			halA.send(SocketClient.sendFrame("long", first, "long-1", longText));
			assertThat(halA.answerTo("long").get("type").asString()).isEqualTo("ack");
		}

		JsonNode page = await().atMost(Duration.ofSeconds(30))
			.until(() -> nodes.apiB.get(gus, "/api/me/rooms"), (p) -> ids(p).equals(List.of(first, second, quiet)));
		JsonNode top = page.get("rooms").get(0);
		assertThat(top.get("name").asString()).isEqualTo("first");
		assertThat(top.get("unreadCount").asLong()).isEqualTo(1);
		JsonNode last = top.get("lastMessage");
		assertThat(last.get("senderName").asString()).isEqualTo("hal");
		assertThat(last.get("preview").asString()).isEqualTo("x".repeat(140));
		assertThat(last.get("serverTime").asLong()).isPositive();
		assertThat(last.get("messageId").asString()).isNotBlank();
		assertThat(top.get("lastActivityAt").asString()).isNotBlank();
		assertThat(page.get("rooms").get(2).get("lastMessage").isNull()).isTrue();
		assertThat(page.get("nextCursor").isNull()).isTrue();

		// Two pages of two and one, in the same order.
		JsonNode one = nodes.apiA.get(gus, "/api/me/rooms?limit=2");
		assertThat(ids(one)).containsExactly(first, second);
		String cursor = one.get("nextCursor").asString();
		JsonNode two = nodes.apiA.get(gus, "/api/me/rooms?limit=2&cursor=" + cursor);
		assertThat(ids(two)).containsExactly(quiet);
		assertThat(two.get("nextCursor").isNull()).isTrue();

		nodes.apiA.client()
			.get()
			.uri("/api/me/rooms?limit=0")
			.headers((h) -> h.setBearerAuth(gus))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("INVALID_PAGE");
		nodes.apiA.client()
			.get()
			.uri("/api/me/rooms?cursor=nonsense")
			.headers((h) -> h.setBearerAuth(gus))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("INVALID_CURSOR");
		nodes.apiA.client().get().uri("/api/me/rooms").exchange().expectStatus().isUnauthorized();
	}

	private static List<Long> ids(JsonNode page) {
		List<Long> ids = new ArrayList<>();
		page.get("rooms").forEach((room) -> ids.add(room.get("id").asLong()));
		return ids;
	}

}
