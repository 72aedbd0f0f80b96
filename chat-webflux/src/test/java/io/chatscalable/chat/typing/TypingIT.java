package io.chatscalable.chat.typing;

import java.time.Duration;
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
 * Typing on two nodes: a notice reaches the room's other members on the other node with
 * its expiry, not the typist; repeats within the interval are dropped, and once the
 * interval has passed a new notice goes through; bad frames are refused.
 */
@ExtendWith(InfrastructureExtension.class)
class TypingIT {

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
	void typingReachesOtherMembersAtTheRateAndExpires() {
		String lea = nodes.apiA.token("lea");
		JsonNode max = nodes.apiB.login("max", null);
		String maxToken = max.get("token").asString();
		long maxId = max.get("user").get("id").asLong();
		long roomId = nodes.apiA.roomWithMembers("typing", lea, maxToken);
		try (SocketClient leaA = SocketClient.joined(nodes.portA(), lea, roomId);
				SocketClient maxB = SocketClient.joined(nodes.portB(), maxToken, roomId)) {
			String typing = "{\"type\":\"typing\",\"roomId\":" + roomId + "}";
			maxB.send(typing, typing, typing, "{\"type\":\"ping\",\"id\":\"p1\"}");
			maxB.answerTo("p1");
			// A socket's frames are handled in order: the first typing frame, which
			// opened
			// the rate's window on node B, was handled before this pong.
			long start = System.nanoTime();
			JsonNode notice = leaA.await("typing");
			assertThat(notice.get("roomId").asLong()).isEqualTo(roomId);
			assertThat(notice.get("userId").asLong()).isEqualTo(maxId);
			assertThat(notice.get("username").asString()).isEqualTo("max");
			assertThat(notice.get("expiresInMs").asLong()).isEqualTo(2000);

			// The rate's interval (1 s) passes; the next notice goes through.
			await().pollDelay(Duration.ofMillis(1100))
				.atMost(Duration.ofSeconds(5))
				.until(() -> System.nanoTime() - start > Duration.ofMillis(1100).toNanos());
			maxB.send(typing);
			List<JsonNode> two = leaA.received()
				.filter((f) -> "typing".equals(f.path("type").asString()))
				.take(2)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(two).hasSize(2);
			// Only two: the burst's repeats were dropped (a third would be here by now,
			// after the same flush as the second).
			leaA.send("{\"type\":\"ping\",\"id\":\"p2\"}").answerTo("p2");
			assertThat(leaA.receivedSoFar()).filteredOn((f) -> "typing".equals(f.path("type").asString())).hasSize(2);
			assertThat(maxB.receivedSoFar()).extracting((f) -> f.path("type").asString()).doesNotContain("typing");

			maxB.send("{\"type\":\"typing\",\"id\":\"t1\",\"roomId\":999999}",
					"{\"type\":\"typing\",\"id\":\"t2\",\"roomId\":\"x\"}");
			assertThat(maxB.answerTo("t1").get("code").asString()).isEqualTo("NOT_JOINED");
			assertThat(maxB.answerTo("t2").get("code").asString()).isEqualTo("INVALID_FRAME");
		}
	}

}
