package io.chatscalable.bot.accounting;

import java.util.List;

/**
 * What a scenario's books say at the end. Every message the bot tried to send counts,
 * acked or not.
 *
 * @param sent messages the bot tried to send (first attempts; each counts from then on)
 * @param acked messages acked
 * @param unacked messages never acked (given up, or still in flight at the end): each one
 * fails the run
 * @param gaveUp messages given up after too many nacks or errors, or past their deadline
 * @param unackedFates where the unacked messages went
 * @param overDeadline acks that came later than the send deadline after the message was
 * due, plus unacked messages due longer ago than the deadline: each one fails the run
 * @param expectedDeliveries deliveries owed: every member of the room, per acked message
 * @param uniqueDeliveries first deliveries of bot messages
 * @param recoveredDeliveries deliveries merged from history pages after a reconnect
 * (included in the others)
 * @param lost deliveries owed but never made (acked messages)
 * @param messagesWithLoss acked messages that at least one member never got
 * @param duplicates deliveries of a message a recipient already had
 * @param positionRegressions deliveries at a position not above the recipient's last one
 * in that room
 * @param sequenceRegressions deliveries of a sender's message after a later one of the
 * same sender
 * @param positionConflicts messages seen at two positions (by two recipients, or ack and
 * delivery)
 * @param misrouted deliveries to a room the message was not sent to, to a non-member, or
 * of an unknown message of this run
 * @param foreign message frames that were not this run's
 * @param slowestAckMillis the longest time from a message being due to its ack
 * @param examples a few concrete problems, for people
 */
public record Verdict(long sent, long acked, long unacked, long gaveUp, UnackedFates unackedFates, long overDeadline,
		long expectedDeliveries, long uniqueDeliveries, long recoveredDeliveries, long lost, long messagesWithLoss,
		long duplicates, long positionRegressions, long sequenceRegressions, long positionConflicts, long misrouted,
		long foreign, double slowestAckMillis, List<String> examples) {

	/** All order problems together. */
	public long orderProblems() {
		return this.positionRegressions + this.sequenceRegressions + this.positionConflicts + this.misrouted;
	}

	/** Unacked messages that some recipient got anyway. */
	public long unackedDelivered() {
		return this.unackedFates.toAll() + this.unackedFates.toSome();
	}

	/**
	 * Lost deliveries, counting every attempted message: owed deliveries of acked ones,
	 * plus the missing members of unacked ones that reached somebody.
	 */
	public long lostAll() {
		return this.lost + this.unackedFates.lostDeliveries();
	}

	/**
	 * Every message acked in time, nothing lost, duplicated, reordered or misrouted.
	 */
	public boolean passed() {
		return this.unacked == 0 && this.overDeadline == 0 && lostAll() == 0 && this.duplicates == 0
				&& orderProblems() == 0;
	}

	/**
	 * The fate of the messages that were never acked.
	 *
	 * @param toAll delivered to every member of the room anyway
	 * @param toSome delivered to some members only
	 * @param toNone delivered to nobody
	 * @param lostDeliveries the members that the {@code toSome} messages never reached
	 */
	public record UnackedFates(long toAll, long toSome, long toNone, long lostDeliveries) {
	}

}
