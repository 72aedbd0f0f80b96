package io.chatscalable.chat.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.room.RoomEventsFeed;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Nodes;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.testing.InfrastructureExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room created through node A reaches every socket, on node A and on node B, as a
 * room-created frame: outbox, Kafka, each node's fan-out feed, each node's sockets.
 */
@ExtendWith(InfrastructureExtension.class)
class RoomCreatedFrameIT {

	private ConfigurableApplicationContext nodeA;

	private ConfigurableApplicationContext nodeB;

	@BeforeEach
	void startNodes() {
		this.nodeA = Nodes.start("node-a", Map.of());
		this.nodeB = Nodes.start("node-b", Map.of());
		for (ConfigurableApplicationContext node : List.of(this.nodeA, this.nodeB)) {
			node.getBean(RoomEventsFeed.class).ready().block(Duration.ofSeconds(30));
		}
	}

	@AfterEach
	void stopNodes() {
		this.nodeA.close();
		this.nodeB.close();
	}

	@Test
	void aNodeThatShutsDownClosesItsSocketsWithGoingAway() {
		String user = new ChatApi(Nodes.port(this.nodeB)).token("leaving");
		try (SocketClient client = SocketClient.connect(Nodes.port(this.nodeB), user)) {
			client.await("welcome");

			this.nodeB.close();

			client.untilClosed();
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.closeStatus() != null);
			assertThat(client.closeStatus().getCode()).isEqualTo(1001);
		}
	}

	@Test
	void everySocketOnEveryNodeHearsOfANewRoom() {
		ChatApi apiA = new ChatApi(Nodes.port(this.nodeA));
		String creator = apiA.token("creator");
		String listener = apiA.token("listener");
		try (SocketClient onA = SocketClient.connect(Nodes.port(this.nodeA), listener);
				SocketClient onB = SocketClient.connect(Nodes.port(this.nodeB), listener)) {
			onA.await("welcome");
			onB.await("welcome");

			long roomId = apiA.createRoom(creator, "Town square").get("id").asLong();

			for (SocketClient client : List.of(onA, onB)) {
				JsonNode frame = client.await("room-created");
				assertThat(frame.get("room").get("id").asLong()).isEqualTo(roomId);
				assertThat(frame.get("room").get("name").asString()).isEqualTo("Town square");
			}
		}
	}

}
