package io.chatscalable.bot.run;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.accounting.LedgerCounters;
import io.chatscalable.bot.socket.ConnectionStats;

/**
 * Prints one progress line a second while a scenario sends and drains.
 */
final class ProgressPrinter implements AutoCloseable {

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bot-progress");
		thread.setDaemon(true);
		return thread;
	});

	private final PrintStream out;

	private final String label;

	private final int users;

	private final Ledger ledger;

	private final ConnectionStats stats;

	private final Supplier<String> phase;

	private final long startNanos = System.nanoTime();

	private long lastSent;

	private long lastAcked;

	private long lastDelivered;

	ProgressPrinter(PrintStream out, String label, int users, Ledger ledger, ConnectionStats stats,
			Supplier<String> phase) {
		this.out = out;
		this.label = label;
		this.users = users;
		this.ledger = ledger;
		this.stats = stats;
		this.phase = phase;
	}

	ProgressPrinter start() {
		this.executor.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
		return this;
	}

	private void print() {
		LedgerCounters counters = this.ledger.counters();
		long sent = counters.sent();
		long acked = counters.acked();
		long delivered = counters.uniqueDeliveries();
		ConnectionStats.Snapshot sockets = this.stats.snapshot();
		this.out.printf(
				"[%s %4ds %-7s] open %d/%d | sent %d/s acked %d/s delivered %d/s | ack p99 %.1f ms, recv p99 %.1f ms"
						+ " | owed %d dup %d order %d | reconnects %d nacks %d%n",
				this.label, (System.nanoTime() - this.startNanos) / 1_000_000_000L, this.phase.get(), sockets.open(),
				this.users, sent - this.lastSent, acked - this.lastAcked, delivered - this.lastDelivered,
				this.ledger.ackLatency().percentileMillis(99), this.ledger.receiveLatency().percentileMillis(99),
				Math.max(0, counters.expectedDeliveries() - delivered), counters.duplicates(), counters.orderProblems(),
				sockets.reconnects(), sockets.nacks());
		this.lastSent = sent;
		this.lastAcked = acked;
		this.lastDelivered = delivered;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
