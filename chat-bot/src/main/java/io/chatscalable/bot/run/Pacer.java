package io.chatscalable.bot.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chatscalable.bot.socket.BotConnection;

/**
 * Ticks every user at its rate on one thread. User {@code i} starts at
 * {@code rampUp * i / users}, plus a phase that spreads users over the interval so that
 * sends do not come in bursts. Each tick carries the time it was due by the schedule, not
 * the time it ran: a late tick (a busy machine) is not a later message.
 */
final class Pacer implements AutoCloseable {

	/** The golden ratio's fraction: phases that never line up. */
	private static final double PHASE_STEP = 0.6180339887498949;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bot-pacer");
		thread.setDaemon(true);
		return thread;
	});

	void start(List<BotConnection> connections, double rate, Duration rampUp) {
		long interval = (long) (1_000_000_000L / rate);
		int users = connections.size();
		long origin = System.nanoTime();
		for (int i = 0; i < users; i++) {
			BotConnection connection = connections.get(i);
			long first = rampUp.toNanos() * i / users + (long) (interval * ((i * PHASE_STEP) % 1.0));
			long[] ticks = new long[1];
			// Fixed rate: a tick that runs late is followed at once by the ones it held
			// up,
			// each with its own due time.
			this.executor.scheduleAtFixedRate(() -> connection.tick(origin + first + interval * ticks[0]++), first,
					interval, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
