package io.chatscalable.bot.accounting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The books of one scenario: every message sent, its ack, and every delivery; the verdict
 * at the end. See the package documentation for the rules.
 */
public final class Ledger {

	/** Problem examples kept for the report; the counts are exact either way. */
	static final int MAX_EXAMPLES = 20;

	/** The default deadline of a send, from its scheduled time to its ack. */
	public static final Duration DEFAULT_SEND_DEADLINE = Duration.ofSeconds(30);

	private final String runId;

	private final Topology topology;

	private final ConcurrentHashMap<Long, SentMessage> messages;

	private final RecipientLog[] recipients;

	private final long sendDeadlineNanos;

	private final LatencyHistogram ackLatency = new LatencyHistogram();

	private final LatencyHistogram ackLatencyFromSend = new LatencyHistogram();

	private final LatencyHistogram receiveLatency = new LatencyHistogram();

	private final LatencyHistogram receiveLatencyFromSend = new LatencyHistogram();

	private final LedgerCounters counters = new LedgerCounters();

	private final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();

	private final AtomicInteger exampleCount = new AtomicInteger();

	/**
	 * @param runId the run id that marks this scenario's messages
	 * @param topology who is in which room
	 * @param expectedMessages how many messages the scenario will send (sizes the map)
	 */
	public Ledger(String runId, Topology topology, int expectedMessages) {
		this(runId, topology, expectedMessages, DEFAULT_SEND_DEADLINE);
	}

	/**
	 * @param runId the run id that marks this scenario's messages
	 * @param topology who is in which room
	 * @param expectedMessages how many messages the scenario will send (sizes the map)
	 * @param sendDeadline how long a send may take from its scheduled time to its ack; a
	 * later ack, or none by the verdict, fails the run
	 */
	public Ledger(String runId, Topology topology, int expectedMessages, Duration sendDeadline) {
		if (sendDeadline.isNegative() || sendDeadline.isZero()) {
			throw new IllegalArgumentException("sendDeadline must be positive");
		}
		this.sendDeadlineNanos = sendDeadline.toNanos();
		this.runId = runId;
		this.topology = topology;
		this.messages = new ConcurrentHashMap<>(Math.max(16, expectedMessages * 4 / 3 + 1));
		this.recipients = new RecipientLog[topology.users()];
		for (int user = 0; user < topology.users(); user++) {
			this.recipients[user] = new RecipientLog(topology, user);
		}
	}

	public String runId() {
		return this.runId;
	}

	public Topology topology() {
		return this.topology;
	}

	public LedgerCounters counters() {
		return this.counters;
	}

	/** The deadline of a send, from its scheduled time to its ack. */
	public long sendDeadlineNanos() {
		return this.sendDeadlineNanos;
	}

	/**
	 * Scheduled-to-ack latency of measured messages (the one the run is judged on).
	 */
	public LatencyHistogram ackLatency() {
		return this.ackLatency;
	}

	/** First-send-to-ack latency of measured messages (hides stalls; for comparison). */
	public LatencyHistogram ackLatencyFromSend() {
		return this.ackLatencyFromSend;
	}

	/**
	 * Scheduled-to-receive latency of measured messages, one value per recipient (the one
	 * the run is judged on).
	 */
	public LatencyHistogram receiveLatency() {
		return this.receiveLatency;
	}

	/** First-send-to-receive latency of measured messages, one value per recipient. */
	public LatencyHistogram receiveLatencyFromSend() {
		return this.receiveLatencyFromSend;
	}

	/** Registers a message just before its first send, due at the time it is sent. */
	public SentMessage register(int sender, long seq, int room, long sendNanos, boolean measured) {
		return register(sender, seq, room, sendNanos, sendNanos, measured);
	}

	/**
	 * Registers a message just before its first send: from here on it counts as sent,
	 * whatever happens to it.
	 * @param scheduledNanos when it was due (the pacer's tick)
	 * @param sendNanos now, as it leaves for the socket
	 */
	public SentMessage register(int sender, long seq, int room, long scheduledNanos, long sendNanos, boolean measured) {
		SentMessage message = new SentMessage(sender, seq, room, this.topology.roomSize(room), scheduledNanos,
				sendNanos, measured);
		this.messages.put(key(sender, seq), message);
		this.counters.sent.increment();
		if (measured) {
			this.counters.measuredSent.increment();
		}
		return message;
	}

	/** The server acknowledged {@code message} at {@code position}. */
	public void acked(SentMessage message, long position, long ackNanos) {
		if (message.acked()) {
			return;
		}
		message.ackedAt(position);
		this.counters.acked.increment();
		this.counters.expectedDeliveries.add(this.topology.roomSize(message.room()));
		long sinceScheduled = ackNanos - message.scheduledNanos();
		if (sinceScheduled > this.sendDeadlineNanos) {
			this.counters.lateAcks.increment();
			example("%s was acked %d ms after it was due, past the %d ms deadline", message, sinceScheduled / 1_000_000,
					this.sendDeadlineNanos / 1_000_000);
		}
		this.counters.slowestAckNanos.accumulateAndGet(sinceScheduled, Math::max);
		if (message.measured()) {
			this.counters.measuredAcked.increment();
			this.ackLatency.recordNanos(sinceScheduled);
			this.ackLatencyFromSend.recordNanos(ackNanos - message.sendNanos());
		}
	}

	/**
	 * The sender stopped retrying {@code message} (too many nacks or errors, or its
	 * deadline passed). It stays sent and unacked: a failure of the run.
	 */
	public void gaveUp(SentMessage message) {
		message.giveUp();
		this.counters.gaveUp.increment();
	}

	/**
	 * Whether {@code message}, not acked yet, is past its deadline at {@code nowNanos}.
	 */
	public boolean overdue(SentMessage message, long nowNanos) {
		return !message.acked() && nowNanos - message.scheduledNanos() > this.sendDeadlineNanos;
	}

	/**
	 * A {@code message} frame arrived.
	 * @param recipient the receiving user
	 * @param room the room index the frame named
	 * @param position the frame's position
	 * @param content the decoded content, or {@code null} if it was not a bot message
	 * @param receiveNanos {@link System#nanoTime()} at arrival
	 */
	public void delivered(int recipient, int room, long position, MessageContent content, long receiveNanos) {
		record(recipient, room, position, content, receiveNanos, true);
	}

	/**
	 * A message the recipient merged from a history page (after a {@code TOO_OLD},
	 * {@code UNAVAILABLE} or position-less rejoin): loss, duplicates, misrouting and
	 * position conflicts are checked as for a live frame; order is not, because a merge
	 * by position puts it in its place whatever arrived live meanwhile.
	 */
	public void recovered(int recipient, int room, long position, MessageContent content, long receiveNanos) {
		this.counters.recoveredDeliveries.increment();
		record(recipient, room, position, content, receiveNanos, false);
	}

	private void record(int recipient, int room, long position, MessageContent content, long receiveNanos,
			boolean live) {
		this.counters.deliveries.increment();
		if (content == null || !this.runId.equals(content.runId())) {
			this.counters.foreign.increment();
			return;
		}
		SentMessage message = this.messages.get(key(content.user(), content.seq()));
		int memberIndex = (room < 0) ? -1 : this.topology.memberIndex(room, recipient);
		if (message == null || message.room() != room || memberIndex < 0) {
			this.counters.misrouted.increment();
			example("user %d got %s/%d in room %d, which it should not have", recipient,
					(message != null) ? message : "unknown message", content.seq(), room);
			return;
		}
		if (!message.markReceived(memberIndex)) {
			this.counters.duplicates.increment();
			example("user %d got %s twice (position %d)", recipient, message, position);
			return;
		}
		this.counters.uniqueDeliveries.increment();
		long firstPosition = message.deliveredAt(position);
		if (firstPosition != position) {
			this.counters.positionConflicts.increment();
			example("user %d got %s at position %d, another recipient at %d", recipient, message, position,
					firstPosition);
		}
		if (message.measured()) {
			this.counters.measuredDeliveries.increment();
			this.receiveLatency.recordNanos(receiveNanos - message.scheduledNanos());
			this.receiveLatencyFromSend.recordNanos(receiveNanos - message.sendNanos());
		}
		if (!live) {
			return;
		}
		int slot = this.topology.slotOf(recipient, room);
		int senderIndex = this.topology.memberIndex(room, content.user());
		switch (this.recipients[recipient].record(slot, position, senderIndex, content.seq())) {
			case POSITION -> {
				this.counters.positionRegressions.increment();
				example("user %d got %s at position %d, after a later position in room %d", recipient, message,
						position, room);
			}
			case SENDER_SEQUENCE -> {
				this.counters.sequenceRegressions.increment();
				example("user %d got %s after a later message of the same sender", recipient, message);
			}
			case NONE -> {
			}
		}
	}

	/**
	 * Counts, exactly, what is missing now. Cheap enough to call every few hundred
	 * milliseconds while draining.
	 */
	public long missingDeliveries() {
		long missing = 0;
		for (SentMessage message : this.messages.values()) {
			int recipients = message.recipients();
			if (message.acked() || recipients > 0) {
				missing += this.topology.roomSize(message.room()) - recipients;
			}
		}
		return missing;
	}

	/** The verdict over everything recorded so far, judged now. */
	public Verdict verdict() {
		return verdict(System.nanoTime());
	}

	/**
	 * The verdict over everything recorded so far, judged at {@code nowNanos}: a message
	 * still unacked then is past its deadline if it was due more than the deadline ago.
	 */
	public Verdict verdict(long nowNanos) {
		long lost = 0;
		long messagesWithLoss = 0;
		long unacked = 0;
		long unackedToAll = 0;
		long unackedToSome = 0;
		long unackedToNone = 0;
		long unackedLost = 0;
		long overdueUnacked = 0;
		long ackConflicts = 0;
		List<String> lossExamples = new ArrayList<>();
		for (SentMessage message : this.messages.values()) {
			int recipients = message.recipients();
			int size = this.topology.roomSize(message.room());
			if (!message.acked()) {
				unacked++;
				if (overdue(message, nowNanos)) {
					overdueUnacked++;
				}
				if (recipients == 0) {
					unackedToNone++;
				}
				else if (recipients < size) {
					// Some members have it, so it exists: the others are owed it too.
					unackedToSome++;
					unackedLost += size - recipients;
				}
				else {
					unackedToAll++;
				}
				if (lossExamples.size() < MAX_EXAMPLES) {
					lossExamples.add(message + " was never acked" + (message.givenUp() ? " (given up)" : "")
							+ " and reached " + recipients + " of " + size + " members");
				}
				continue;
			}
			long delivered = message.deliveredPosition();
			if (delivered != SentMessage.NO_POSITION && delivered != message.ackPosition()) {
				ackConflicts++;
				if (lossExamples.size() < MAX_EXAMPLES) {
					lossExamples.add(message + " was acked at position " + message.ackPosition() + " but delivered at "
							+ delivered);
				}
			}
			if (recipients < size) {
				lost += size - recipients;
				messagesWithLoss++;
				if (lossExamples.size() < MAX_EXAMPLES) {
					lossExamples.add(message + " (position " + message.ackPosition() + ") never reached members "
							+ missingMembers(message, size));
				}
			}
		}
		List<String> all = new ArrayList<>(lossExamples);
		this.examples.stream().limit(MAX_EXAMPLES).forEach(all::add);
		LedgerCounters c = this.counters;
		return new Verdict(c.sent.sum(), c.acked.sum(), unacked, c.gaveUp.sum(),
				new Verdict.UnackedFates(unackedToAll, unackedToSome, unackedToNone, unackedLost),
				c.lateAcks.sum() + overdueUnacked, c.expectedDeliveries.sum(), c.uniqueDeliveries.sum(),
				c.recoveredDeliveries.sum(), lost, messagesWithLoss, c.duplicates.sum(), c.positionRegressions.sum(),
				c.sequenceRegressions.sum(), c.positionConflicts.sum() + ackConflicts, c.misrouted.sum(),
				c.foreign.sum(), c.slowestAckNanos.get() / 1e6, List.copyOf(all));
	}

	private List<Integer> missingMembers(SentMessage message, int size) {
		List<Integer> missing = new ArrayList<>();
		int[] members = this.topology.members(message.room());
		for (int index = 0; index < size && missing.size() < 5; index++) {
			if (!message.receivedBy(index)) {
				missing.add(members[index]);
			}
		}
		return missing;
	}

	private void example(String format, Object... args) {
		if (this.exampleCount.incrementAndGet() <= MAX_EXAMPLES) {
			this.examples.add(String.format(format, args));
		}
	}

	private static long key(int sender, long seq) {
		return ((long) sender << 32) | (seq & 0xFFFF_FFFFL);
	}

}
