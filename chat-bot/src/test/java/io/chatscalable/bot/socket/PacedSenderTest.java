package io.chatscalable.bot.socket;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.accounting.SentMessage;
import io.chatscalable.bot.accounting.Topology;
import io.chatscalable.bot.accounting.Verdict;
import io.chatscalable.bot.setup.HistoryClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send state machine: every attempted message counts, waiting ticks keep their due
 * time, and a send past its deadline is given up (and fails the run).
 */
class PacedSenderTest {

	private final Ledger ledger = new Ledger("t", Topology.of(2, 1, 2), 64, Duration.ofMillis(200));

	private final ConnectionStats stats = new ConnectionStats();

	private final ConnectionSettings settings = new ConnectionSettings(List.of(URI.create("http://127.0.0.1:1")),
			new long[] { 77 }, Map.of(77L, 0), this.ledger, this.stats, 60, (nanos) -> true, new HistoryClient(),
			false);

	private final PacedSender sender = new PacedSender(this.settings, 0, new int[] { 0 });

	@Test
	void aMessageCountsAsSentWhenFirstTriedNotWhenAcked() {
		this.sender.start();
		assertThat(this.sender.due(true, System.nanoTime())).contains("\"type\":\"send\"");
		assertThat(this.ledger.counters().sent()).isEqualTo(1);
		assertThat(this.ledger.counters().acked()).isZero();
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.unacked()).isEqualTo(1);
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void aTickThatWaitsBehindAnUnackedSendKeepsItsDueTime() {
		this.sender.start();
		long first = System.nanoTime();
		this.sender.due(true, first);
		long second = first + 1_000_000;
		assertThat(this.sender.due(true, second)).isNull();
		assertThat(this.sender.due(false, second + 1_000_000)).isNull();

		SentMessage inFlight = this.sender.inFlight();
		assertThat(this.sender.acked(clientMessageId(inFlight), 1, System.nanoTime())).isNotNull();
		assertThat(this.sender.inFlight().scheduledNanos()).isEqualTo(second);
		assertThat(this.sender.inFlight().sendNanos()).isGreaterThan(second);
	}

	@Test
	void theBacklogIsBoundedAndSkippedTicksAreCounted() {
		this.sender.start();
		long now = System.nanoTime();
		this.sender.due(true, now);
		for (int i = 0; i < PacedSender.MAX_BACKLOG + 3; i++) {
			this.sender.due(true, now);
		}
		assertThat(this.stats.snapshot().skippedTicks()).isEqualTo(3);
	}

	@Test
	void aSendPastItsDeadlineIsGivenUpAndTheNextOneGoes() {
		this.sender.start();
		long longAgo = System.nanoTime() - Duration.ofSeconds(1).toNanos();
		this.sender.due(true, longAgo);
		SentMessage stuck = this.sender.inFlight();

		String next = this.sender.due(true, System.nanoTime());

		assertThat(stuck.givenUp()).isTrue();
		assertThat(next).contains("\"type\":\"send\"");
		assertThat(this.sender.inFlight()).isNotSameAs(stuck);
		assertThat(this.stats.snapshot().deadlineGiveUps()).isEqualTo(1);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.gaveUp()).isEqualTo(1);
		assertThat(verdict.overDeadline()).isEqualTo(1);
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void aNackedSendPastItsDeadlineIsNotRetried() {
		this.sender.start();
		this.sender.due(true, System.nanoTime() - Duration.ofSeconds(1).toNanos());
		assertThat(this.sender.failed()).isNull();
		assertThat(this.sender.idle()).isTrue();
	}

	@Test
	void aNackedSendInTimeIsRetriedWithTheSameFrame() {
		this.sender.start();
		String frame = this.sender.due(true, System.nanoTime());
		SentMessage message = this.sender.inFlight();
		assertThat(this.sender.failed()).isNotNull();
		assertThat(this.sender.resend(message)).isEqualTo(frame);
		assertThat(this.ledger.counters().sent()).isEqualTo(1);
	}

	private String clientMessageId(SentMessage message) {
		return io.chatscalable.bot.accounting.MessageContent.clientMessageId("t", 0, message.seq());
	}

}
