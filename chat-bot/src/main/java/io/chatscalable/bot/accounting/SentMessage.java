package io.chatscalable.bot.accounting;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One message the bot sent: when, where, its ack, and which members of its room received
 * it (a lock-free bit set over the room's member indexes).
 */
public final class SentMessage {

	/** Not acked (yet). */
	public static final long NO_POSITION = -1;

	private final int sender;

	private final long seq;

	private final int room;

	private final long scheduledNanos;

	private final long sendNanos;

	private final boolean measured;

	private final AtomicLongArray receivedBy;

	private volatile long ackPosition = NO_POSITION;

	private volatile long deliveredPosition = NO_POSITION;

	private volatile boolean givenUp;

	SentMessage(int sender, long seq, int room, int roomSize, long scheduledNanos, long sendNanos, boolean measured) {
		this.sender = sender;
		this.seq = seq;
		this.room = room;
		this.scheduledNanos = scheduledNanos;
		this.sendNanos = sendNanos;
		this.measured = measured;
		this.receivedBy = new AtomicLongArray((roomSize + 63) / 64);
	}

	public int sender() {
		return this.sender;
	}

	public long seq() {
		return this.seq;
	}

	public int room() {
		return this.room;
	}

	/**
	 * When the message was due ({@link System#nanoTime()}): the pacer's tick, before any
	 * wait behind an unacked send or a dead socket. Latencies are judged from here, so a
	 * stalled server cannot hide its stall by delaying the next send (coordinated
	 * omission).
	 */
	public long scheduledNanos() {
		return this.scheduledNanos;
	}

	/** When its first send left for the socket. */
	public long sendNanos() {
		return this.sendNanos;
	}

	/** Whether it was sent in the measured phase (its latencies count). */
	public boolean measured() {
		return this.measured;
	}

	public boolean acked() {
		return this.ackPosition != NO_POSITION;
	}

	public long ackPosition() {
		return this.ackPosition;
	}

	/** The position the first delivery carried, or {@link #NO_POSITION}. */
	public long deliveredPosition() {
		return this.deliveredPosition;
	}

	public boolean givenUp() {
		return this.givenUp;
	}

	void ackedAt(long position) {
		this.ackPosition = position;
	}

	void giveUp() {
		this.givenUp = true;
	}

	/**
	 * Records the position a delivery carried.
	 * @return the position first recorded for this message (by a delivery), which differs
	 * from {@code position} when two deliveries disagree
	 */
	synchronized long deliveredAt(long position) {
		if (this.deliveredPosition == NO_POSITION) {
			this.deliveredPosition = position;
		}
		return this.deliveredPosition;
	}

	/**
	 * Marks member {@code index} as a recipient; false if it already was (a duplicate).
	 */
	boolean markReceived(int index) {
		int word = index >>> 6;
		long bit = 1L << (index & 63);
		while (true) {
			long current = this.receivedBy.get(word);
			if ((current & bit) != 0) {
				return false;
			}
			if (this.receivedBy.compareAndSet(word, current, current | bit)) {
				return true;
			}
		}
	}

	boolean receivedBy(int index) {
		return (this.receivedBy.get(index >>> 6) & (1L << (index & 63))) != 0;
	}

	int recipients() {
		int count = 0;
		for (int i = 0; i < this.receivedBy.length(); i++) {
			count += Long.bitCount(this.receivedBy.get(i));
		}
		return count;
	}

	@Override
	public String toString() {
		return "message " + this.sender + "/" + this.seq + " in room " + this.room;
	}

}
