package io.chatscalable.chat.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.InfrastructureInitializer;
import io.chatscalable.chat.support.ReconnectingMember;
import io.chatscalable.chat.support.ReconnectingMember.Received;
import io.chatscalable.chat.support.ReconnectingMember.Send;
import io.chatscalable.infra.testing.InfrastructureExtension;
import io.chatscalable.infra.testing.NodeProcesses;
import io.chatscalable.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node killed with kill -9 while clients on it send and receive: they fail over to the
 * other node, re-join with their last position, re-send what was not acked, and every
 * member of the room ends up with every message exactly once, in one order. Re-sends are
 * acked promptly, not after some mark of the dead node expires. The dead node's store
 * partitions are unowned until the group notices (the session timeout), so the re-joins
 * are served from the log.
 * <p>
 * Real node processes from the module's jar (failsafe runs after {@code package}).
 */
@ExtendWith(InfrastructureExtension.class)
class NodeKillIT {

	private static final int SENDERS_ON_THE_VICTIM = 3;

	private static final int MESSAGES_EACH = 120;

	private static final Duration PACE = Duration.ofMillis(25);

	/** A re-send after a fail-over is answered within this. */
	private static final Duration PROMPT = Duration.ofSeconds(5);

	private static NodeProcesses nodes;

	@BeforeAll
	static void startNodes() {
		Map<String, String> properties = new HashMap<>();
		InfrastructureInitializer.properties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
		TwoNodes.NO_RATE_LIMIT.forEach((key, value) -> properties.put(key, String.valueOf(value)));
		nodes = NodeProcesses.start(2,
				NodeProcesses.Settings
					.of(Path.of("target", "chat-webflux.jar"), Path.of("target", "node-kill-it"),
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
	void clientsOfAKilledNodeFailOverAndEveryMemberGetsEveryMessageOnceInOrder() {
		ChatApi api = new ChatApi(nodes.port(1));
		List<String> names = new ArrayList<>();
		for (int i = 0; i < SENDERS_ON_THE_VICTIM; i++) {
			names.add("victim-" + i);
		}
		names.addAll(List.of("watcher-a", "watcher-b"));
		Map<String, String> tokens = names.stream().collect(Collectors.toMap((name) -> name, api::token));
		long roomId = api.roomWithMembers("kill-9", names.stream().map(tokens::get).toArray(String[]::new));
		List<Integer> ports = List.of(nodes.port(0), nodes.port(1));
		List<ReconnectingMember> members = new ArrayList<>();
		try {
			for (int i = 0; i < SENDERS_ON_THE_VICTIM; i++) {
				members.add(new ReconnectingMember(names.get(i), tokens.get(names.get(i)), roomId, ports, 0).start());
			}
			// One watcher on each node: the one on the victim fails over too.
			members.add(new ReconnectingMember("watcher-a", tokens.get("watcher-a"), roomId, ports, 0).start());
			members.add(new ReconnectingMember("watcher-b", tokens.get("watcher-b"), roomId, ports, 1).start());
			List<ReconnectingMember> senders = members.subList(0, SENDERS_ON_THE_VICTIM);

			for (int round = 0; round < MESSAGES_EACH; round++) {
				if (round == MESSAGES_EACH / 3) {
					nodes.kill(0);
				}
				senders.forEach(ReconnectingMember::send);
				pause();
			}
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(senders).as("senders: %s", senders)
					.allMatch((sender) -> sender.pendingCount() == 0));
			List<Send> sends = senders.stream().flatMap((sender) -> sender.acked().values().stream()).toList();
			assertThat(sends).hasSize(SENDERS_ON_THE_VICTIM * MESSAGES_EACH);
			int total = sends.size();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(members).as("members: %s", members)
					.allMatch((member) -> member.received().size() >= total));

			List<String> order = members.get(members.size() - 1)
				.received()
				.stream()
				.map(Received::clientMessageId)
				.toList();
			for (ReconnectingMember member : members) {
				List<Received> received = member.received();
				assertThat(received).extracting(Received::clientMessageId)
					.as("what %s received", member)
					.doesNotHaveDuplicates()
					.containsExactlyElementsOf(order);
				assertThat(received).extracting(Received::position).isSorted();
				assertThat(member.recoveries()).allMatch("RECOVERED"::equals);
			}
			assertThat(order).containsExactlyInAnyOrderElementsOf(sends.stream().map(Send::clientMessageId).toList());
			Map<String, Long> positions = members.get(members.size() - 1)
				.received()
				.stream()
				.collect(Collectors.toMap(Received::clientMessageId, Received::position));
			for (Send send : sends) {
				assertThat(send.position()).as("ack of %s", send.clientMessageId())
					.isEqualTo(positions.get(send.clientMessageId()));
				assertThat(send.lastAttemptToAck()).as("last attempt of %s to its ack", send.clientMessageId())
					.isLessThan(PROMPT);
			}
			for (ReconnectingMember member : members.subList(0, SENDERS_ON_THE_VICTIM + 1)) {
				assertThat(member.node()).isEqualTo(1);
				assertThat(member.recoveries()).hasSize(1);
			}
		}
		finally {
			members.forEach(ReconnectingMember::close);
		}
	}

	private static void pause() {
		// Paces the senders (a client's typing, not a wait on the system under test).
		reactor.core.publisher.Mono.delay(PACE).block();
	}

}
