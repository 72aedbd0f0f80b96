package io.chatscalable.chat.presence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.InfrastructureInitializer;
import io.chatscalable.chat.support.SocialNodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import io.chatscalable.infra.testing.NodeProcesses;
import io.chatscalable.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed with kill -9 cannot say its users went offline: its presence entries
 * expire, a surviving node sweeps them and announces the users offline within the
 * documented bound (ttl + heartbeat, plus the signal flush and a Kafka hop). Real node
 * processes from the module's jar.
 */
@ExtendWith(InfrastructureExtension.class)
class PresenceKillIT {

	private static final Duration HEARTBEAT = Duration.ofMillis(500);

	private static final Duration TTL = Duration.ofSeconds(2);

	/** The flush (50 ms), a Kafka hop and two slow cores' scheduling. */
	private static final Duration SLACK = Duration.ofSeconds(3);

	private static NodeProcesses nodes;

	@BeforeAll
	static void startNodes() {
		Map<String, String> properties = new HashMap<>();
		InfrastructureInitializer.properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
		properties.putAll(SocialNodes.FAST);
		properties.put("chat.presence.heartbeat", HEARTBEAT.toMillis() + "ms");
		properties.put("chat.presence.ttl", TTL.toMillis() + "ms");
		nodes = NodeProcesses.start(2,
				NodeProcesses.Settings
					.of(Path.of("target", "chat-webflux.jar"), Path.of("target", "presence-kill-it"),
							TestInfrastructure.endpoints())
					.withProperties(properties));
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void theUsersOfAKilledNodeGoOfflineWithinTheBound() {
		ChatApi api = new ChatApi(nodes.port(1));
		String ned = api.token("ned");
		JsonNode oda = api.login("oda", null);
		String odaToken = oda.get("token").asString();
		long odaId = oda.get("user").get("id").asLong();
		long roomId = api.roomWithMembers("kill-presence", ned, odaToken);
		try (SocketClient nedSurvivor = SocketClient.joined(nodes.port(1), ned, roomId)) {
			SocketClient odaVictim = SocketClient.connect(nodes.port(0), odaToken);
			presenceOf(nedSurvivor, odaId, true);

			long killedAt = System.nanoTime();
			nodes.kill(0);
			presenceOf(nedSurvivor, odaId, false);
			Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
			LoggerFactory.getLogger(PresenceKillIT.class)
				.info("Offline announced {} ms after the kill", took.toMillis());
			assertThat(took).isLessThan(TTL.plus(HEARTBEAT).plus(SLACK));
			odaVictim.close();

			JsonNode members = api.get(ned, "/api/rooms/" + roomId + "/members").get("members");
			for (JsonNode member : members) {
				assertThat(member.get("online").asBoolean()).as("%s", member)
					.isEqualTo(member.get("userId").asLong() != odaId);
			}
		}
	}

	private static JsonNode presenceOf(SocketClient client, long userId, boolean online) {
		JsonNode frame = client.received()
			.filter((f) -> "presence".equals(f.path("type").asString()) && f.path("userId").asLong() == userId
					&& f.path("online").asBoolean() == online)
			.blockFirst(Duration.ofSeconds(60));
		assertThat(frame).as("presence of %d online=%s", userId, online).isNotNull();
		return frame;
	}

}
