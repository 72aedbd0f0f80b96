package io.chatscalable.bot.socket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import io.chatscalable.bot.accounting.MessageContent;
import io.chatscalable.bot.setup.HistoryMessage;

/**
 * What one user does to merge one room's reloaded history by position, as
 * docs/protocol.md tells a client to after a {@code TOO_OLD} or {@code UNAVAILABLE}
 * rejoin (or a rejoin with no position to recover from).
 * <p>
 * The merge takes a history message when its position is above the rejoin's last seen
 * position and the client does not hold that position yet (received live, or merged
 * before), exactly as a client that keeps its messages by position would. A live frame
 * that later arrives at a position already merged, carrying the same message, is the
 * other half of that merge ({@link #live} says so, and it is not counted as a delivery);
 * anything else live goes to the books unfiltered, so a repeated live delivery stays a
 * duplicate. Not thread-safe: guarded by {@link HistoryReloads}' monitor.
 */
final class RoomRecovery {

	/**
	 * Positions remembered per room: a room of the bot's scenarios gets about ten
	 * messages a second for a few minutes, far below this. Past it new positions are not
	 * remembered, and a later merge could take one again: a false duplicate, never a
	 * hidden one.
	 */
	static final int MAX_REMEMBERED = 100_000;

	private long lastSeenAtRejoin = -1;

	private boolean pending;

	/** Positions the client holds in this room (received live or merged). */
	private final Set<Long> have = new HashSet<>();

	/** Positions merged from history that may still arrive live, with their message. */
	private final TreeMap<Long, String> mergedAhead = new TreeMap<>();

	/** A rejoin that needs a reload: remembers the position it asked to recover after. */
	void reloadPending(long lastSeenPosition) {
		this.lastSeenAtRejoin = lastSeenPosition;
		this.pending = true;
	}

	boolean pending() {
		return this.pending;
	}

	/**
	 * A live frame of this room arrived on the current socket.
	 * @return false when it is a message already merged from history at this position
	 */
	boolean live(long position, MessageContent content) {
		remember(position);
		String merged = this.mergedAhead.remove(position);
		// Live positions only grow: nothing merged below this one can still arrive live.
		this.mergedAhead.headMap(position).clear();
		return merged == null || !merged.equals(key(content));
	}

	/**
	 * The reloaded history arrived: the messages to merge (the rest is counted in
	 * {@code alreadySeen}).
	 */
	Merge merge(List<HistoryMessage> history) {
		List<HistoryMessage> taken = new ArrayList<>();
		long alreadySeen = 0;
		for (HistoryMessage message : history) {
			// At or below the last seen position was the live stream's to deliver: a gap
			// there stays a loss, the merge does not paper over it.
			if (message.position() <= this.lastSeenAtRejoin || this.have.contains(message.position())) {
				alreadySeen++;
			}
			else {
				taken.add(message);
				remember(message.position());
				this.mergedAhead.put(message.position(), key(MessageContent.decode(message.content())));
			}
		}
		this.pending = false;
		return new Merge(List.copyOf(taken), alreadySeen);
	}

	/** The reload failed: its messages stay missing (and counted so). */
	void reloadFailed() {
		this.pending = false;
	}

	private void remember(long position) {
		if (this.have.size() < MAX_REMEMBERED) {
			this.have.add(position);
		}
	}

	private static String key(MessageContent content) {
		return (content == null) ? "" : content.runId() + "/" + content.user() + "/" + content.seq();
	}

	/**
	 * A merge's outcome.
	 *
	 * @param taken the history messages to record as delivered, oldest first
	 * @param alreadySeen history messages the client already had
	 */
	record Merge(List<HistoryMessage> taken, long alreadySeen) {
	}

}
