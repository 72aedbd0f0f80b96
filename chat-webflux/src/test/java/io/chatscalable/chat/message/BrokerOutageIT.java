package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.infra.embedded.EmbeddedInfrastructure;
import io.chatscalable.infra.testing.InfrastructureExtension;
import io.chatscalable.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker stopped: every send is still answered, with a nack, within the delivery
 * timeout (the producer blocks on metadata, then its queue); once the broker is back the
 * same clientMessageIds go through and are delivered once.
 */
@ExtendWith(InfrastructureExtension.class)
class BrokerOutageIT {

	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

	private static TwoNodes nodes;

	@BeforeAll
	static void startNodes() {
		nodes = TwoNodes.start(Map.of("chat.kafka.delivery-timeout", DELIVERY_TIMEOUT.toMillis() + "ms"));
	}

	@AfterAll
	static void stopNodes() {
		nodes.close();
	}

	@Test
	void everySendIsAnsweredWithinTheDeliveryTimeoutWhileTheBrokerIsDownAndGoesThroughAfter() {
		EmbeddedInfrastructure servers = TestInfrastructure.embedded().orElse(null);
		assumeThat(servers).as("a broker this JVM can stop").isNotNull();
		String ivy = nodes.api.token("ivy");
		String jon = nodes.api.token("jon");
		long roomId = nodes.api.roomWithMembers("broker-down", ivy, jon);
		try (SocketClient sender = SocketClient.joined(nodes.portA(), ivy, roomId);
				SocketClient receiver = SocketClient.joined(nodes.portB(), jon, roomId)) {
			servers.stopKafka();
			try {
				for (String id : List.of("down-1", "down-2")) {
					long sent = System.nanoTime();
					sender.send(sendFrame(id, roomId, id, "sent while the broker is down"));
					JsonNode answer = sender.answerTo(id);
					Duration took = Duration.ofNanos(System.nanoTime() - sent);

					assertThat(answer.get("type").asString()).isEqualTo("nack");
					assertThat(answer.get("code").asString()).isEqualTo("BROKER_UNAVAILABLE");
					// Answered by the delivery timeout, not left hanging (slack for a
					// loaded
					// machine).
					assertThat(took).isLessThan(DELIVERY_TIMEOUT.plusSeconds(5));
				}
			}
			finally {
				servers.startKafka();
			}
			for (String id : List.of("down-1", "down-2")) {
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
					String retry = id + "-retry-" + System.nanoTime();
					sender.send(sendFrame(retry, roomId, id, "sent while the broker is down"));
					assertThat(sender.answerTo(retry).get("type").asString()).isEqualTo("ack");
				});
			}
			// Live delivery resumes promptly: the fan-out consumers' rebalance on the
			// restarted broker does not wait for acknowledgements they never make.
			long resumed = System.nanoTime();
			List<JsonNode> received = receiver.messages(2);
			assertThat(Duration.ofNanos(System.nanoTime() - resumed)).isLessThan(Duration.ofSeconds(20));
			assertThat(received).extracting((m) -> m.get("messageId").asString()).doesNotHaveDuplicates();
			await().atMost(Duration.ofSeconds(60)).until(() -> nodes.storedCount(roomId) == 2);
		}
	}

}
