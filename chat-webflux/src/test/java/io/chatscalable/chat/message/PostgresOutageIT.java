package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.chatscalable.chat.support.ReconnectingMember;
import io.chatscalable.chat.support.ReconnectingMember.Received;
import io.chatscalable.chat.support.ReconnectingMember.Send;
import io.chatscalable.infra.embedded.EmbeddedInfrastructure;
import io.chatscalable.infra.testing.InfrastructureExtension;
import io.chatscalable.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stopped for 20 s while users chat on two nodes: chat messages do not go
 * through it, so every send is answered and acked promptly, everything acked is delivered
 * live to every member once, in order, and it is all stored once PostgreSQL is back.
 */
@ExtendWith(InfrastructureExtension.class)
class PostgresOutageIT {

	private static final Duration OUTAGE = Duration.ofSeconds(20);

	private static final Duration PACE = Duration.ofMillis(100);

	private static TwoNodes nodes;

	@BeforeAll
	static void startNodes() {
		nodes = TwoNodes.start();
	}

	@AfterAll
	static void stopNodes() {
		nodes.close();
	}

	@Test
	void sendsAreAnsweredAndDeliveredWhilePostgresIsDownAndStoredWhenItReturns() {
		EmbeddedInfrastructure servers = TestInfrastructure.embedded().orElse(null);
		assumeThat(servers).as("a PostgreSQL this JVM can stop").isNotNull();
		List<String> names = List.of("ann", "ben", "cat", "dan");
		Map<String, String> tokens = names.stream().collect(Collectors.toMap((name) -> name, nodes.api::token));
		long roomId = nodes.api.roomWithMembers("outage", names.stream().map(tokens::get).toArray(String[]::new));
		List<Integer> ports = List.of(nodes.portA(), nodes.portB());
		List<ReconnectingMember> members = new ArrayList<>();
		try {
			for (int i = 0; i < names.size(); i++) {
				members
					.add(new ReconnectingMember(names.get(i), tokens.get(names.get(i)), roomId, ports, i % 2).start());
			}
			List<ReconnectingMember> senders = members.subList(0, 2);
			Duration before = Duration.ofSeconds(2);
			long start = System.nanoTime();
			boolean stopped = false;
			boolean restarted = false;
			try {
				while (true) {
					Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
					if (!stopped && elapsed.compareTo(before) >= 0) {
						servers.stopPostgres();
						stopped = true;
					}
					if (stopped && !restarted && elapsed.compareTo(before.plus(OUTAGE)) >= 0) {
						servers.startPostgres();
						restarted = true;
					}
					if (restarted && elapsed.compareTo(before.plus(OUTAGE).plus(before)) >= 0) {
						break;
					}
					senders.forEach(ReconnectingMember::send);
					// Paces the senders (a client's typing, not a wait on the system).
					Mono.delay(PACE).block();
				}
			}
			finally {
				if (stopped && !restarted) {
					servers.startPostgres();
				}
			}

			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(senders).as("senders: %s", senders)
					.allMatch((sender) -> sender.pendingCount() == 0));
			List<Send> sends = senders.stream().flatMap((sender) -> sender.acked().values().stream()).toList();
			int total = sends.size();
			// More than the two senders could send outside the outage (2 x 4 s at the
			// pace): sends went on during it. (Not the full 2 x 24 s worth: on a loaded
			// machine each round takes longer than the pace.)
			assertThat(total).isGreaterThan((int) (OUTAGE.toMillis() / PACE.toMillis()));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(members).as("members: %s", members)
					.allMatch((member) -> member.received().size() >= total));
			List<String> order = members.get(0).received().stream().map(Received::clientMessageId).toList();
			for (ReconnectingMember member : members) {
				assertThat(member.received()).extracting(Received::clientMessageId)
					.doesNotHaveDuplicates()
					.containsExactlyElementsOf(order);
				assertThat(member.recoveries()).as("%s never had to reconnect", member).isEmpty();
			}
			assertThat(sends)
				.allSatisfy((send) -> assertThat(send.firstAttemptToAck()).isLessThan(Duration.ofSeconds(2)));
			await().atMost(Duration.ofSeconds(60)).until(() -> nodes.storedCount(roomId) == total);
		}
		finally {
			members.forEach(ReconnectingMember::close);
		}
	}

}
