package io.chatscalable.bot.run;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.setup.LoggedInUser;
import io.chatscalable.bot.socket.BotConnection;
import io.chatscalable.bot.socket.ConnectionStats;

/**
 * Something that happens while a scenario sends (a chaos run's faults): started when the
 * measured window opens; sending goes on until the window has ended and the returned
 * future has completed, then the drain begins.
 */
@FunctionalInterface
public interface DuringRun {

	/** Nothing happens. */
	DuringRun NOTHING = (context) -> CompletableFuture.completedFuture(null);

	/**
	 * The measured window opened.
	 * @param context the scenario's state
	 * @return completes when whatever it does is over (bounded by the implementation)
	 */
	CompletableFuture<?> measuring(Context context);

	/**
	 * What a scenario exposes to it.
	 *
	 * @param runId the run id
	 * @param nodes the nodes' base URLs
	 * @param users the provisioned users
	 * @param connections every user's socket
	 * @param ledger the books
	 * @param stats socket events
	 */
	record Context(String runId, List<URI> nodes, List<LoggedInUser> users, List<BotConnection> connections,
			Ledger ledger, ConnectionStats stats) {
	}

}
