package io.chatscalable.bot.accounting;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loss, duplicate and order detection on crafted deliveries.
 */
class LedgerTest {

	private static final String RUN = "t1";

	// Room 0: users 0, 1, 2. Room 1: users 2, 3.
	private final Topology topology = Topology.explicit(4, new int[] { 0, 1, 2 }, new int[] { 2, 3 });

	private final Ledger ledger = new Ledger(RUN, this.topology, 16);

	@Test
	void everyMemberReceivingEveryAckedMessageOnceInOrderPasses() {
		SentMessage first = send(0, 1, 0, 100);
		SentMessage second = send(1, 1, 0, 105);
		for (int user : new int[] { 0, 1, 2 }) {
			deliver(user, first, 100);
			deliver(user, second, 105);
		}
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.passed()).isTrue();
		assertThat(verdict.expectedDeliveries()).isEqualTo(6);
		assertThat(verdict.uniqueDeliveries()).isEqualTo(6);
		assertThat(verdict.lost()).isZero();
		assertThat(this.ledger.missingDeliveries()).isZero();
	}

	@Test
	void aMemberThatNeverReceivesAnAckedMessageIsALoss() {
		SentMessage message = send(3, 1, 1, 7);
		deliver(3, message, 7);
		assertThat(this.ledger.missingDeliveries()).isEqualTo(1);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.passed()).isFalse();
		assertThat(verdict.lost()).isEqualTo(1);
		assertThat(verdict.messagesWithLoss()).isEqualTo(1);
		assertThat(verdict.examples()).anyMatch((example) -> example.contains("never reached members [2]"));
	}

	@Test
	void anUnackedMessageFailsTheRunWhateverItsFate() {
		SentMessage acked = send(0, 1, 0, 10);
		SentMessage toSome = this.ledger.register(0, 2, 0, System.nanoTime(), true);
		this.ledger.gaveUp(toSome);
		SentMessage toAll = this.ledger.register(1, 1, 0, System.nanoTime(), true);
		SentMessage toNone = this.ledger.register(3, 1, 1, System.nanoTime(), true);
		for (int user : new int[] { 0, 1, 2 }) {
			deliver(user, acked, 10);
			deliver(user, toAll, 12);
		}
		deliver(1, toSome, 11);

		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.passed()).isFalse();
		assertThat(verdict.sent()).isEqualTo(4);
		assertThat(verdict.acked()).isEqualTo(1);
		assertThat(verdict.unacked()).isEqualTo(3);
		assertThat(verdict.gaveUp()).isEqualTo(1);
		assertThat(verdict.unackedFates()).isEqualTo(new Verdict.UnackedFates(1, 1, 1, 2));
		assertThat(verdict.lost()).isZero();
		assertThat(verdict.lostAll()).isEqualTo(2);
		assertThat(verdict.unackedDelivered()).isEqualTo(2);
		assertThat(verdict.examples()).anyMatch((example) -> example.contains("3/1 in room 1 was never acked"));
	}

	@Test
	void anUnackedMessageThatReachedSomeoneIsOwedToTheWholeRoom() {
		SentMessage message = this.ledger.register(0, 1, 0, System.nanoTime(), true);
		deliver(0, message, 5);
		assertThat(this.ledger.missingDeliveries()).isEqualTo(2);
	}

	@Test
	void latenciesCountFromWhenTheMessageWasDueNotWhenItLeft() {
		long due = System.nanoTime();
		long sent = due + 5_000_000_000L;
		SentMessage message = this.ledger.register(0, 1, 0, due, sent, true);
		this.ledger.acked(message, 1, sent + 1_000_000_000L);
		this.ledger.delivered(1, 0, 1, new MessageContent(RUN, 0, 1, sent), sent + 2_000_000_000L);

		assertThat(this.ledger.ackLatency().maxMillis()).isBetween(5900.0, 6100.0);
		assertThat(this.ledger.ackLatencyFromSend().maxMillis()).isBetween(990.0, 1010.0);
		assertThat(this.ledger.receiveLatency().maxMillis()).isBetween(6900.0, 7100.0);
		assertThat(this.ledger.receiveLatencyFromSend().maxMillis()).isBetween(1990.0, 2010.0);
		assertThat(this.ledger.verdict(sent).slowestAckMillis()).isEqualTo(6000.0);
	}

	@Test
	void anAckLaterThanTheDeadlineFailsTheRun() {
		Ledger strict = new Ledger(RUN, this.topology, 16, Duration.ofSeconds(30));
		long due = System.nanoTime();
		SentMessage late = strict.register(3, 1, 1, due, due, true);
		strict.acked(late, 1, due + 31_000_000_000L);
		SentMessage onTime = strict.register(3, 2, 1, due, due, true);
		strict.acked(onTime, 2, due + 29_000_000_000L);
		for (int user : new int[] { 2, 3 }) {
			strict.delivered(user, 1, 1, new MessageContent(RUN, 3, 1, due), due);
			strict.delivered(user, 1, 2, new MessageContent(RUN, 3, 2, due), due);
		}
		Verdict verdict = strict.verdict(due + 40_000_000_000L);
		assertThat(verdict.lostAll()).isZero();
		assertThat(verdict.overDeadline()).isEqualTo(1);
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void anUnackedMessageDueLongerAgoThanTheDeadlineIsOverdue() {
		Ledger strict = new Ledger(RUN, this.topology, 16, Duration.ofSeconds(30));
		long due = System.nanoTime();
		SentMessage message = strict.register(0, 1, 0, due, due, true);
		assertThat(strict.overdue(message, due + 29_000_000_000L)).isFalse();
		assertThat(strict.overdue(message, due + 31_000_000_000L)).isTrue();
		assertThat(strict.verdict(due + 29_000_000_000L).overDeadline()).isZero();
		assertThat(strict.verdict(due + 31_000_000_000L).overDeadline()).isEqualTo(1);
	}

	@Test
	void aMessageMergedFromHistoryCountsOnceAndIsNotAnOrderProblem() {
		SentMessage early = send(0, 1, 0, 10);
		SentMessage late = send(1, 1, 0, 20);
		for (int user : new int[] { 0, 1 }) {
			deliver(user, early, 10);
		}
		for (int user : new int[] { 0, 1, 2 }) {
			deliver(user, late, 20);
		}
		// User 2 got 20 live, then merges 10 from history: in its place, not a
		// regression.
		this.ledger.recovered(2, 0, 10, new MessageContent(RUN, 0, 1, early.sendNanos()), System.nanoTime());
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.passed()).as(verdict.examples().toString()).isTrue();
		assertThat(verdict.recoveredDeliveries()).isEqualTo(1);

		// The same message again, from history or live, is a duplicate.
		this.ledger.recovered(2, 0, 10, new MessageContent(RUN, 0, 1, early.sendNanos()), System.nanoTime());
		assertThat(this.ledger.verdict().duplicates()).isEqualTo(1);
	}

	@Test
	void aDeliveryThatArrivesBeforeItsAckCounts() {
		SentMessage message = this.ledger.register(2, 1, 1, System.nanoTime(), true);
		deliver(2, message, 40);
		deliver(3, message, 40);
		this.ledger.acked(message, 40, System.nanoTime());
		assertThat(this.ledger.verdict().passed()).isTrue();
	}

	@Test
	void theSameMessageTwiceAtOneRecipientIsADuplicate() {
		SentMessage message = send(0, 1, 0, 10);
		for (int user : new int[] { 0, 1, 2 }) {
			deliver(user, message, 10);
		}
		deliver(1, message, 10);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.duplicates()).isEqualTo(1);
		assertThat(verdict.lost()).isZero();
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void aRepublishedMessageAtANewPositionIsADuplicateNotANewDelivery() {
		SentMessage message = send(0, 1, 0, 10);
		for (int user : new int[] { 0, 1, 2 }) {
			deliver(user, message, 10);
		}
		deliver(2, message, 12);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.duplicates()).isEqualTo(1);
		assertThat(verdict.uniqueDeliveries()).isEqualTo(3);
	}

	@Test
	void aPositionThatGoesBackwardsAtOneRecipientIsAnOrderProblem() {
		SentMessage first = send(0, 1, 0, 20);
		SentMessage second = send(1, 1, 0, 30);
		deliver(0, first, 20);
		deliver(0, second, 30);
		deliver(1, first, 20);
		deliver(1, second, 30);
		deliver(2, second, 30);
		deliver(2, first, 20);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.lost()).isZero();
		assertThat(verdict.duplicates()).isZero();
		assertThat(verdict.positionRegressions()).isEqualTo(1);
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void recipientsThatSeeOneMessageAtDifferentPositionsDisagreeOnTheOrder() {
		SentMessage message = send(2, 1, 1, 50);
		deliver(2, message, 50);
		deliver(3, message, 51);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.positionConflicts()).isEqualTo(1);
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void aDeliveryAtAnotherPositionThanTheAckIsAConflict() {
		SentMessage message = send(3, 1, 1, 60);
		deliver(2, message, 61);
		deliver(3, message, 61);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.positionConflicts()).isEqualTo(1);
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void aSendersSequenceThatGoesBackwardsIsAnOrderProblem() {
		// Positions increase, but the sender's second message comes before its first:
		// what a retried send would look like if acks were not in send order.
		SentMessage second = send(0, 2, 0, 70);
		SentMessage first = send(0, 1, 0, 71);
		deliver(1, second, 70);
		deliver(1, first, 71);
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.sequenceRegressions()).isEqualTo(1);
		assertThat(verdict.positionRegressions()).isZero();
	}

	@Test
	void aMessageDeliveredToANonMemberIsMisrouted() {
		SentMessage message = send(3, 1, 1, 80);
		this.ledger.delivered(0, 1, 80, new MessageContent(RUN, 3, 1, message.sendNanos()), System.nanoTime());
		assertThat(this.ledger.verdict().misrouted()).isEqualTo(1);
		assertThat(this.ledger.verdict().passed()).isFalse();
	}

	@Test
	void messagesOfAnotherRunOrNotFromTheBotAreIgnored() {
		this.ledger.delivered(0, 0, 5, new MessageContent("other", 0, 1, 0), System.nanoTime());
		this.ledger.delivered(0, 0, 6, null, System.nanoTime());
		Verdict verdict = this.ledger.verdict();
		assertThat(verdict.foreign()).isEqualTo(2);
		assertThat(verdict.passed()).isTrue();
	}

	@Test
	void onlyMeasuredMessagesMakeLatencies() {
		SentMessage measured = send(0, 1, 0, 1);
		SentMessage warmUp = this.ledger.register(1, 1, 0, System.nanoTime(), false);
		this.ledger.acked(warmUp, 2, System.nanoTime());
		deliver(2, measured, 1);
		deliver(2, warmUp, 2);
		assertThat(this.ledger.ackLatency().count()).isEqualTo(1);
		assertThat(this.ledger.receiveLatency().count()).isEqualTo(1);
		assertThat(this.ledger.counters().measuredDeliveries()).isEqualTo(1);
	}

	private SentMessage send(int sender, long seq, int room, long position) {
		SentMessage message = this.ledger.register(sender, seq, room, System.nanoTime(), true);
		this.ledger.acked(message, position, System.nanoTime());
		return message;
	}

	private void deliver(int recipient, SentMessage message, long position) {
		this.ledger.delivered(recipient, message.room(), position,
				new MessageContent(RUN, message.sender(), message.seq(), message.sendNanos()), System.nanoTime());
	}

}
