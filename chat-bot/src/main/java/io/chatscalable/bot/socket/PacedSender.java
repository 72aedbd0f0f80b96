package io.chatscalable.bot.socket;

import java.time.Duration;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.accounting.MessageContent;
import io.chatscalable.bot.accounting.SentMessage;

/**
 * One user's sends: at most one in flight (the server reads a socket's next frame only
 * after the ack), ticks that fall due meanwhile wait in a bounded backlog, and a nacked
 * or refused send is retried with the same client message id. It decides which frame goes
 * out; {@link BotConnection} emits it. Not thread-safe: guarded by the connection's
 * monitor.
 */
final class PacedSender {

	/** Ticks that may wait behind an unacked send before further ticks are skipped. */
	static final int MAX_BACKLOG = 64;

	/** Attempts of one send (first included) before giving up on it. */
	static final int MAX_SEND_ATTEMPTS = 20;

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

	private int backlog;

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
		this.backlog = 0;
	}

	boolean idle() {
		return this.inFlight == null;
	}

	/**
	 * A message is due. Returns its frame when it can go now, or null: it waits behind
	 * the one in flight (or for the socket), or is skipped when the backlog is full.
	 */
	String due(boolean socketReady) {
		if (!this.sending) {
			return null;
		}
		if (this.inFlight != null || !socketReady) {
			if (this.backlog < MAX_BACKLOG) {
				this.backlog++;
			}
			else {
				this.stats.skippedTicks.increment();
			}
			return null;
		}
		return next();
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

	private String waiting() {
		if (this.backlog > 0 && this.sending) {
			this.backlog--;
			return next();
		}
		return null;
	}

	private String next() {
		this.seq++;
		int room = this.rooms[(int) ((this.seq - 1) % this.rooms.length)];
		long now = System.nanoTime();
		MessageContent content = new MessageContent(this.ledger.runId(), this.userIndex, this.seq, now);
		this.inFlight = this.ledger.register(this.userIndex, this.seq, room, now, this.settings.measured().test(now));
		this.inFlightFrame = ClientFrames.send("s" + this.seq, this.settings.roomIds()[room], content.clientMessageId(),
				content.encode(this.settings.messageSize()));
		this.inFlightAttempts = 1;
		return this.inFlightFrame;
	}

}
