package io.chatscalable.bot.socket;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.accounting.Topology;
import io.chatscalable.bot.accounting.Verdict;
import io.chatscalable.bot.setup.HistoryClient;
import io.chatscalable.bot.setup.LoggedInUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The socket life cycle against a scripted two-node cluster: joins, sends and acks,
 * deliveries, and a reconnect after 1001 that recovers the missed messages with
 * {@code lastSeenPosition}.
 */
@Timeout(60)
class BotConnectionTest {

	private static final long ROOM_ID = 77;

	private final FakeCluster cluster = new FakeCluster(2);

	private final SocketResources resources = new SocketResources(1);

	// One room of two users: user 0 on node 0, user 1 on node 1.
	private final Ledger ledger = new Ledger("t", Topology.of(2, 1, 2), 64);

	private final ConnectionStats stats = new ConnectionStats();

	private final ConnectionSettings settings = new ConnectionSettings(this.cluster.urls(), new long[] { ROOM_ID },
			Map.of(ROOM_ID, 0), this.ledger, this.stats, 60, (nanos) -> true, new HistoryClient(), false);

	private final List<BotConnection> users = IntStream.range(0, 2)
		.mapToObj((i) -> BotConnection.create(new LoggedInUser(i, i + 1, "u" + i, "token" + i), this.settings,
				this.resources))
		.toList();

	@AfterEach
	void stop() {
		this.users.forEach(BotConnection::kill);
		this.resources.close();
		this.cluster.close();
	}

	@Test
	void sendsAreAckedAndDeliveredToEveryMember() {
		connect();
		sendFromEach(3);
		awaitEverythingDelivered(6);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.passed()).as(verdict.examples().toString()).isTrue();
		assertThat(verdict.uniqueDeliveries()).isEqualTo(12);
		assertThat(this.ledger.receiveLatency().count()).isEqualTo(12);
	}

	@Test
	void aSocketClosedWithGoingAwayReconnectsToTheNextNodeAndRecoversWhatItMissed() {
		connect();
		sendFromEach(2);
		awaitEverythingDelivered(4);

		this.cluster.goAway(0);
		// While user 0 is away, user 1 keeps talking.
		for (int i = 0; i < 3; i++) {
			this.users.get(1).tick();
			await().until(this.users.get(1)::idle);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.cluster.socketsOn(1) == 2);
		sendFromEach(1);
		awaitEverythingDelivered(9);

		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.passed()).as(verdict.examples().toString()).isTrue();
		assertThat(verdict.uniqueDeliveries()).isEqualTo(18);
		ConnectionStats.Snapshot sockets = this.stats.snapshot();
		assertThat(sockets.closeCodes()).containsEntry(1001, 1L);
		assertThat(sockets.reconnects()).isEqualTo(1);
		assertThat(sockets.recoveries()).containsEntry("RECOVERED", 1L);
		assertThat(this.cluster.joins).last().asString().contains("\"lastSeenPosition\":");
	}

	@Test
	void aRejoinAnsweredUnavailableReloadsHistoryAndMergesWhatWasMissed() {
		connect();
		sendFromEach(2);
		awaitEverythingDelivered(4);

		this.cluster.recoveryResult = "UNAVAILABLE";
		this.cluster.goAway(0);
		for (int i = 0; i < 3; i++) {
			this.users.get(1).tick();
			await().until(this.users.get(1)::idle);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.cluster.socketsOn(1) == 2);
		awaitEverythingDelivered(7);
		sendFromEach(1);
		awaitEverythingDelivered(9);

		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.passed()).as(verdict.examples().toString()).isTrue();
		assertThat(verdict.duplicates()).isZero();
		ConnectionStats.Snapshot sockets = this.stats.snapshot();
		assertThat(sockets.recoveries()).containsEntry("UNAVAILABLE", 1L);
		assertThat(sockets.history().reloads()).isEqualTo(1);
		assertThat(sockets.history().failures()).isZero();
		// How many were merged depends on whether the rejoin beat user 1's sends; either
		// way
		// every message arrived once.
		assertThat(sockets.history().merged() + sockets.history().alreadySeen()).isPositive();
		assertThat(verdict.recoveredDeliveries()).isEqualTo(sockets.history().merged());
	}

	private void connect() {
		this.users.forEach(BotConnection::connect);
		this.users.forEach((user) -> await().atMost(Duration.ofSeconds(10)).until(user.ready()::isDone));
		this.users.forEach(BotConnection::startSending);
	}

	private void sendFromEach(int messages) {
		for (int i = 0; i < messages; i++) {
			for (BotConnection user : this.users) {
				user.tick();
				await().atMost(Duration.ofSeconds(10)).until(user::idle);
			}
		}
	}

	private void awaitEverythingDelivered(long acked) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.ledger.counters().acked() == acked && this.ledger.missingDeliveries() == 0);
	}

}
