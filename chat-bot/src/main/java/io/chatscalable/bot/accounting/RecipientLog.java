package io.chatscalable.bot.accounting;

import java.util.Arrays;

/**
 * What one recipient saw, per room: the last position, and the last sequence number of
 * each sender. Guarded by its own monitor.
 */
final class RecipientLog {

	private final long[] lastPosition;

	private final long[][] lastSeqBySender;

	RecipientLog(Topology topology, int user) {
		int rooms = topology.roomCount(user);
		this.lastPosition = new long[rooms];
		Arrays.fill(this.lastPosition, SentMessage.NO_POSITION);
		this.lastSeqBySender = new long[rooms][];
		for (int k = 0; k < rooms; k++) {
			this.lastSeqBySender[k] = new long[topology.roomSize(topology.roomOf(user, k))];
		}
	}

	/**
	 * Records a first delivery.
	 * @param slot the room's index in this user's room list
	 * @param position the delivery's position
	 * @param senderIndex the sender's member index in the room
	 * @param seq the sender's sequence number
	 * @return what, if anything, went backwards
	 */
	synchronized Regression record(int slot, long position, int senderIndex, long seq) {
		boolean positionBack = position <= this.lastPosition[slot];
		if (!positionBack) {
			this.lastPosition[slot] = position;
		}
		long[] seqs = this.lastSeqBySender[slot];
		boolean seqBack = senderIndex >= 0 && seq <= seqs[senderIndex];
		if (senderIndex >= 0 && !seqBack) {
			seqs[senderIndex] = seq;
		}
		if (positionBack) {
			return Regression.POSITION;
		}
		return seqBack ? Regression.SENDER_SEQUENCE : Regression.NONE;
	}

	/** What went backwards in a delivery. */
	enum Regression {

		NONE, POSITION, SENDER_SEQUENCE

	}

}
