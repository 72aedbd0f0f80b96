package io.chatscalable.bot.socket;

import java.time.Duration;
import java.util.ArrayDeque;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.accounting.MessageContent;
import io.chatscalable.bot.accounting.SentMessage;

/**
 * One user's sends: at most one in flight (the server reads a socket's next frame only
 * after the ack), ticks that fall due meanwhile wait in a bounded backlog with the time
 * each was due, and a nacked or refused send is retried with the same client message id
 * until it is acked, has used its attempts, or is past its deadline (then it is given up:
 * a failure of the run). It decides which frame goes out; {@link BotConnection} emits it.
 * Not thread-safe: guarded by the connection's monitor.
 */
final class PacedSender {

	/** Ticks that may wait behind an unacked send before further ticks are skipped. */
	static final int MAX_BACKLOG = 64;

	/**
	 * Attempts of one send (first included) before giving up on it: a safety bound only.
	 * The send's deadline gives up first (30 s by default at most 1 s between retries is
	 * about 35 attempts), so that a patient client's retries, not the bot's impatience,
	 * decide whether a message got through.
	 */
	static final int MAX_SEND_ATTEMPTS = 200;

	private final ConnectionSettings settings;

	private final Ledger ledger;

	private final ConnectionStats stats;

	private final int userIndex;

	private final int[] rooms;

	private boolean sending;

	private long seq;

	private SentMessage inFlight;

	private String inFlightFrame;

	private int inFlightAttempts;

	/**
	 * When each waiting tick was due, oldest first; at most {@link #MAX_BACKLOG}, further
	 * ticks are skipped and counted (overload).
	 */
	private final ArrayDeque<Long> backlog = new ArrayDeque<>();

	PacedSender(ConnectionSettings settings, int userIndex, int[] rooms) {
		this.settings = settings;
		this.ledger = settings.ledger();
		this.stats = settings.stats();
		this.userIndex = userIndex;
		this.rooms = rooms;
	}

	void start() {
		this.sending = true;
	}

	/** No more new messages; the one in flight still completes. */
	void stop() {
		this.sending = false;
		this.backlog.clear();
	}

	boolean idle() {
		return this.inFlight == null;
	}

	/**
	 * A message is due at {@code scheduledNanos}. Returns its frame when it can go now,
	 * or null: it waits behind the one in flight (or for the socket), or is skipped when
	 * the backlog is full. First gives up the send in flight if it is past its deadline.
	 */
	String due(boolean socketReady, long scheduledNanos) {
		expireInFlight(System.nanoTime());
		if (!this.sending) {
			return null;
		}
		if (this.inFlight != null || !socketReady) {
			if (this.backlog.size() < MAX_BACKLOG) {
				this.backlog.addLast(scheduledNanos);
			}
			else {
				this.stats.skippedTicks.increment();
			}
			return null;
		}
		return next(scheduledNanos);
	}

	/**
	 * Gives up the send in flight if it is past its deadline, so that the user's next
	 * messages go; returns whether it did.
	 */
	boolean expireInFlight(long nowNanos) {
		if (this.inFlight == null || !this.ledger.overdue(this.inFlight, nowNanos)) {
			return false;
		}
		this.stats.deadlineGiveUps.increment();
		this.ledger.gaveUp(this.inFlight);
		this.inFlight = null;
		this.inFlightFrame = null;
		return true;
	}

	/** An ack; returns the next waiting message's frame, or null. */
	String acked(String clientMessageId, long position, long receivedNanos) {
		if (!answersInFlight(clientMessageId)) {
			return null;
		}
		this.ledger.acked(this.inFlight, position, receivedNanos);
		this.inFlight = null;
		this.inFlightFrame = null;
		return waiting();
	}

	/** Whether a nack with this client message id answers the send in flight. */
	boolean answersInFlight(String clientMessageId) {
		return this.inFlight != null
				&& MessageContent.clientMessageId(this.ledger.runId(), this.userIndex, this.inFlight.seq())
					.equals(clientMessageId);
	}

	/** Whether an error with this frame id answers the send in flight. */
	boolean answersInFlightFrame(String frameId) {
		return frameId != null && this.inFlight != null && frameId.equals("s" + this.inFlight.seq());
	}

	/**
	 * The send in flight failed: how long to wait before {@link #resend}, or null when it
	 * has used its attempts (then it is given up).
	 */
	Duration failed() {
		if (expireInFlight(System.nanoTime())) {
			return null;
		}
		if (++this.inFlightAttempts > MAX_SEND_ATTEMPTS) {
			this.ledger.gaveUp(this.inFlight);
			this.inFlight = null;
			this.inFlightFrame = null;
			return null;
		}
		return Backoff.after(this.inFlightAttempts - 1);
	}

	SentMessage inFlight() {
		return this.inFlight;
	}

	/** The frame to send again if {@code message} is still the one in flight, or null. */
	String resend(SentMessage message) {
		if (this.inFlight != message || message == null) {
			return null;
		}
		this.stats.retries.increment();
		return this.inFlightFrame;
	}

	/**
	 * The socket was replaced and has joined again: the send in flight goes again (same
	 * client message id), or the next waiting one goes.
	 */
	String rejoined() {
		return (this.inFlight != null) ? resend(this.inFlight) : waiting();
	}

	/** The next waiting message's frame, if any (after a give-up), or null. */
	String next() {
		return (this.inFlight == null) ? waiting() : null;
	}

	private String waiting() {
		if (!this.backlog.isEmpty() && this.sending) {
			return next(this.backlog.removeFirst());
		}
		return null;
	}

	private String next(long scheduledNanos) {
		this.seq++;
		int room = this.rooms[(int) ((this.seq - 1) % this.rooms.length)];
		long now = System.nanoTime();
		MessageContent content = new MessageContent(this.ledger.runId(), this.userIndex, this.seq, now);
		// Measured or not by when it was due, so that a stall cannot move a message out
		// of
		// the measured window.
		this.inFlight = this.ledger.register(this.userIndex, this.seq, room, scheduledNanos, now,
				this.settings.measured().test(scheduledNanos));
		this.inFlightFrame = ClientFrames.send("s" + this.seq, this.settings.roomIds()[room], content.clientMessageId(),
				content.encode(this.settings.messageSize()));
		this.inFlightAttempts = 1;
		return this.inFlightFrame;
	}

}
