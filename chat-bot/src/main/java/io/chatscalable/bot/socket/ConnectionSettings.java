package io.chatscalable.bot.socket;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.setup.HistoryClient;

/**
 * What every socket of a scenario shares.
 *
 * @param nodes the nodes' base URLs; a socket reconnects to the next one
 * @param roomIds the server's room id of each room index
 * @param roomIndexes the room index of each server room id
 * @param ledger the scenario's books
 * @param stats the scenario's socket events
 * @param messageSize characters of content per message
 * @param measured whether a message due at a given {@link System#nanoTime()} is measured
 * @param history reloads history after a rejoin without a full replay
 * @param social whether each acked send is followed by a {@code typing} and a
 * {@code read} frame for its room ({@code --social})
 */
public record ConnectionSettings(List<URI> nodes, long[] roomIds, Map<Long, Integer> roomIndexes, Ledger ledger,
		ConnectionStats stats, int messageSize, LongPredicate measured, HistoryClient history, boolean social) {

	int roomIndexOf(long roomId) {
		Integer index = this.roomIndexes.get(roomId);
		return (index != null) ? index : -1;
	}

}
