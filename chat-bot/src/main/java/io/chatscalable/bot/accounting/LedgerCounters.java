package io.chatscalable.bot.accounting;

import java.util.concurrent.atomic.LongAdder;

/** Live counters, cheap to read for the progress line. */
public final class LedgerCounters {

	final LongAdder sent = new LongAdder();

	final LongAdder measuredSent = new LongAdder();

	final LongAdder acked = new LongAdder();

	final LongAdder measuredAcked = new LongAdder();

	final LongAdder gaveUp = new LongAdder();

	final LongAdder lateAcks = new LongAdder();

	final java.util.concurrent.atomic.AtomicLong slowestAckNanos = new java.util.concurrent.atomic.AtomicLong();

	final LongAdder recoveredDeliveries = new LongAdder();

	final LongAdder expectedDeliveries = new LongAdder();

	final LongAdder deliveries = new LongAdder();

	final LongAdder uniqueDeliveries = new LongAdder();

	final LongAdder measuredDeliveries = new LongAdder();

	final LongAdder duplicates = new LongAdder();

	final LongAdder positionRegressions = new LongAdder();

	final LongAdder sequenceRegressions = new LongAdder();

	final LongAdder positionConflicts = new LongAdder();

	final LongAdder misrouted = new LongAdder();

	final LongAdder foreign = new LongAdder();

	public long sent() {
		return this.sent.sum();
	}

	public long acked() {
		return this.acked.sum();
	}

	/** Messages given up so far (each a failure of the run). */
	public long gaveUp() {
		return this.gaveUp.sum();
	}

	public long measuredSent() {
		return this.measuredSent.sum();
	}

	public long measuredAcked() {
		return this.measuredAcked.sum();
	}

	/** Message frames received, duplicates and foreign ones included. */
	public long deliveries() {
		return this.deliveries.sum();
	}

	public long uniqueDeliveries() {
		return this.uniqueDeliveries.sum();
	}

	public long measuredDeliveries() {
		return this.measuredDeliveries.sum();
	}

	/** Deliveries owed for the messages acked so far. */
	public long expectedDeliveries() {
		return this.expectedDeliveries.sum();
	}

	public long duplicates() {
		return this.duplicates.sum();
	}

	/**
	 * Position or sequence regressions, position conflicts and misrouted deliveries.
	 */
	public long orderProblems() {
		return this.positionRegressions.sum() + this.sequenceRegressions.sum() + this.positionConflicts.sum()
				+ this.misrouted.sum();
	}

}
