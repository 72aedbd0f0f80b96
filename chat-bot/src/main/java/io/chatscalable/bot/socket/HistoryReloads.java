package io.chatscalable.bot.socket;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.accounting.MessageContent;
import io.chatscalable.bot.setup.HistoryMessage;
import io.chatscalable.bot.setup.LoggedInUser;

/**
 * One user's history reloads, one {@link RoomRecovery} per room slot: after a rejoin that
 * did not recover, the room's history is read over REST and merged by position, and live
 * frames that are the other half of such a merge are recognised. Its own monitor guards
 * the recoveries; the connection calls in while holding its own (never the other way
 * round), and a merge's deliveries are booked outside both.
 */
final class HistoryReloads {

	private final LoggedInUser user;

	private final ConnectionSettings settings;

	private final Ledger ledger;

	private final ConnectionStats stats;

	private final RoomRecovery[] recoveries;

	HistoryReloads(LoggedInUser user, ConnectionSettings settings, int slots) {
		this.user = user;
		this.settings = settings;
		this.ledger = settings.ledger();
		this.stats = settings.stats();
		this.recoveries = new RoomRecovery[slots];
		Arrays.setAll(this.recoveries, (slot) -> new RoomRecovery());
	}

	/**
	 * Whether a live frame is a delivery to book; false when it is the other half of a
	 * merge (the client has that message already).
	 */
	synchronized boolean live(int slot, long position, MessageContent content) {
		return this.recoveries[slot].live(position, content);
	}

	/**
	 * Reloads the room's history after {@code lastSeen} from {@code node} and merges it
	 * when it comes.
	 */
	void reload(int slot, int room, URI node, long lastSeen) {
		synchronized (this) {
			this.recoveries[slot].reloadPending(lastSeen);
		}
		this.stats.historyReloads.increment();
		long roomId = this.settings.roomIds()[room];
		this.settings.history()
			.after(node, this.user.token(), roomId, lastSeen)
			.whenComplete((history, error) -> merged(slot, room, history, error));
	}

	private void merged(int slot, int room, List<HistoryMessage> history, Throwable error) {
		long receivedNanos = System.nanoTime();
		RoomRecovery.Merge merge;
		synchronized (this) {
			if (error != null) {
				this.stats.historyReloadFailures.increment();
				this.recoveries[slot].reloadFailed();
				return;
			}
			merge = this.recoveries[slot].merge(history);
		}
		this.stats.historyMerged.add(merge.taken().size());
		this.stats.historyAlreadySeen.add(merge.alreadySeen());
		for (HistoryMessage message : merge.taken()) {
			this.ledger.recovered(this.user.index(), room, message.position(), MessageContent.decode(message.content()),
					receivedNanos);
		}
	}

}
