package io.chatscalable.bot.accounting;

import java.util.List;

/**
 * What a scenario's books say at the end.
 *
 * @param sent messages sent (first attempts)
 * @param acked messages acked
 * @param unacked messages never acked (still in flight, or given up)
 * @param gaveUp messages given up after too many nacks or errors
 * @param unackedDelivered unacked messages that some recipient got anyway
 * @param expectedDeliveries deliveries owed: every member of the room, per acked message
 * @param uniqueDeliveries first deliveries of bot messages
 * @param lost deliveries owed but never made
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
 * @param examples a few concrete problems, for people
 */
public record Verdict(long sent, long acked, long unacked, long gaveUp, long unackedDelivered, long expectedDeliveries,
		long uniqueDeliveries, long lost, long messagesWithLoss, long duplicates, long positionRegressions,
		long sequenceRegressions, long positionConflicts, long misrouted, long foreign, List<String> examples) {

	/** All order problems together. */
	public long orderProblems() {
		return this.positionRegressions + this.sequenceRegressions + this.positionConflicts + this.misrouted;
	}

	/** Nothing lost, duplicated, reordered or misrouted. */
	public boolean passed() {
		return this.lost == 0 && this.duplicates == 0 && orderProblems() == 0;
	}

}
