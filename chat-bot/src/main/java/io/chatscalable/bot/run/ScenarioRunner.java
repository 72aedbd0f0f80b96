package io.chatscalable.bot.run;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.accounting.LedgerCounters;
import io.chatscalable.bot.accounting.Topology;
import io.chatscalable.bot.setup.ChatApi;
import io.chatscalable.bot.setup.HistoryClient;
import io.chatscalable.bot.setup.Provisioner;
import io.chatscalable.bot.setup.SetupException;
import io.chatscalable.bot.socket.BotConnection;
import io.chatscalable.bot.socket.ConnectionSettings;
import io.chatscalable.bot.socket.ConnectionStats;
import io.chatscalable.bot.socket.SocketResources;

/**
 * Runs one scenario through set-up, sending, drain and close (see the package
 * documentation).
 */
public final class ScenarioRunner {

	/** Connecting and joining must not take longer than this plus 20 ms per user. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final long DRAIN_POLL_MILLIS = 200;

	private final List<URI> nodes;

	private final SocketResources sockets;

	private final PrintStream progress;

	/**
	 * @param nodes the nodes' base URLs
	 * @param sockets the shared socket resources
	 * @param progress where progress lines go, or {@code null} for none
	 */
	public ScenarioRunner(List<URI> nodes, SocketResources sockets, PrintStream progress) {
		this.nodes = List.copyOf(nodes);
		this.sockets = sockets;
		this.progress = progress;
	}

	/**
	 * Runs a scenario.
	 * @param label a name for the progress line and the report
	 * @param runId the run id of this scenario's users and messages
	 * @param settings the scenario
	 * @return what it measured
	 * @throws SetupException if it could not be set up
	 */
	public ScenarioResult run(String label, String runId, ScenarioSettings settings) {
		return run(label, runId, settings, DuringRun.NOTHING);
	}

	/**
	 * Runs a scenario with something happening while it sends.
	 * @param label a name for the progress line and the report
	 * @param runId the run id of this scenario's users and messages
	 * @param settings the scenario
	 * @param during started when the measured window opens
	 * @return what it measured
	 * @throws SetupException if it could not be set up
	 */
	public ScenarioResult run(String label, String runId, ScenarioSettings settings, DuringRun during) {
		Topology topology = Topology.of(settings.users(), settings.rooms(), settings.roomSize());
		Ledger ledger = new Ledger(runId, topology, settings.expectedMessages(), settings.sendDeadline());
		ConnectionStats stats = new ConnectionStats();
		log("%s: %d users, %d rooms (room size %d), %.3g msg/s per user, %d-character messages, run id %s", label,
				topology.users(), topology.rooms(), settings.roomSize(), settings.rate(), settings.messageSize(),
				runId);

		long setupStart = System.nanoTime();
		Provisioner.Provisioned provisioned = provision(runId, topology, settings.setupConcurrency());
		long setupMillis = millisSince(setupStart);
		log("%s: set up %d users and %d rooms over REST in %d ms", label, topology.users(), topology.rooms(),
				setupMillis);

		MeasurementWindow window = new MeasurementWindow();
		Map<Long, Integer> roomIndexes = new HashMap<>();
		for (int room = 0; room < provisioned.roomIds().length; room++) {
			roomIndexes.put(provisioned.roomIds()[room], room);
		}
		ConnectionSettings connectionSettings = new ConnectionSettings(this.nodes, provisioned.roomIds(),
				Map.copyOf(roomIndexes), ledger, stats, settings.messageSize(), window, new HistoryClient(),
				settings.social());
		List<BotConnection> connections = new ArrayList<>(topology.users());
		provisioned.users()
			.forEach((user) -> connections.add(BotConnection.create(user, connectionSettings, this.sockets)));
		try {
			long connectStart = System.nanoTime();
			connectAll(connections, settings.connectConcurrency());
			long connectMillis = millisSince(connectStart);
			log("%s: %d sockets connected and joined in %d ms", label, connections.size(), connectMillis);
			DuringRun.Context context = new DuringRun.Context(runId, this.nodes, provisioned.users(),
					List.copyOf(connections), ledger, stats);
			return send(label, runId, settings, topology, ledger, stats, window, connections, setupMillis,
					connectMillis, () -> during.measuring(context));
		}
		finally {
			closeAll(connections);
		}
	}

	private ScenarioResult send(String label, String runId, ScenarioSettings settings, Topology topology, Ledger ledger,
			ConnectionStats stats, MeasurementWindow window, List<BotConnection> connections, long setupMillis,
			long connectMillis, java.util.function.Supplier<CompletableFuture<?>> during) {
		long start = System.nanoTime();
		long measureStart = start + settings.rampUp().toNanos() + settings.warmUp().toNanos();
		long measureEnd = measureStart + settings.duration().toNanos();
		window.open(measureStart, measureEnd);
		AtomicReference<String> phase = new AtomicReference<>("ramp-up");
		connections.forEach(BotConnection::startSending);
		try (Pacer pacer = new Pacer(); ProgressPrinter printer = printer(label, topology, ledger, stats, phase)) {
			pacer.start(connections, settings.rate(), settings.rampUp());
			sleepUntil(start + settings.rampUp().toNanos());
			phase.set("warm-up");
			sleepUntil(measureStart);
			phase.set("measure");
			CompletableFuture<?> happening = during.get();
			sleepUntil(measureEnd);
			if (!happening.isDone()) {
				phase.set("measure (until the faults are healed)");
				// Bounded by the DuringRun itself (every fault step has its own timeout).
				happening.exceptionally((error) -> null).join();
			}
			phase.set("drain");
			pacer.close();
			connections.forEach(BotConnection::stopSending);
			long drainStart = System.nanoTime();
			boolean drained = drain(ledger, connections, settings.drain());
			long drainMillis = millisSince(drainStart);
			double seconds = settings.duration().toNanos() / 1e9;
			LedgerCounters counters = ledger.counters();
			return new ScenarioResult(label, runId, settings, topology.rooms(), setupMillis, connectMillis, seconds,
					drainMillis, drained, counters.measuredSent() / seconds, counters.measuredDeliveries() / seconds,
					ledger.ackLatency().percentiles(), ledger.receiveLatency().percentiles(),
					ledger.ackLatencyFromSend().percentiles(), ledger.receiveLatencyFromSend().percentiles(),
					ledger.verdict(), stats.snapshot(), null);
		}
	}

	private Provisioner.Provisioned provision(String runId, Topology topology, int concurrency) {
		ExecutorService executor = Executors.newFixedThreadPool(concurrency, (task) -> {
			Thread thread = new Thread(task, "bot-setup");
			thread.setDaemon(true);
			return thread;
		});
		try {
			return new Provisioner(new ChatApi(), executor, this.nodes).provision(runId, topology);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static void connectAll(List<BotConnection> connections, int concurrency) {
		Semaphore handshakes = new Semaphore(concurrency);
		long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos() + connections.size() * 20_000_000L;
		try {
			for (BotConnection connection : connections) {
				if (!handshakes.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
					throw new SetupException("Timed out connecting the sockets");
				}
				connection.ready().whenComplete((ok, error) -> handshakes.release());
				connection.connect();
			}
			CompletableFuture.allOf(connections.stream().map(BotConnection::ready).toArray(CompletableFuture[]::new))
				.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SetupException("Interrupted while connecting", ex);
		}
		catch (ExecutionException ex) {
			throw new SetupException("A socket could not connect and join: " + ex.getCause().getMessage(), ex);
		}
		catch (TimeoutException ex) {
			long ready = connections.stream().filter((c) -> c.ready().isDone()).count();
			throw new SetupException(
					"Timed out connecting the sockets: " + ready + " of " + connections.size() + " joined", ex);
		}
	}

	private static boolean drain(Ledger ledger, List<BotConnection> connections, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			boolean idle = connections.stream().allMatch(BotConnection::idle);
			if (idle && ledger.missingDeliveries() == 0) {
				return true;
			}
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			pause(DRAIN_POLL_MILLIS);
		}
	}

	private static void closeAll(List<BotConnection> connections) {
		List<CompletableFuture<Void>> closing = connections.stream().map(BotConnection::stop).toList();
		try {
			CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
				.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Whatever did not close politely is dropped below.
		}
		connections.forEach(BotConnection::kill);
	}

	private ProgressPrinter printer(String label, Topology topology, Ledger ledger, ConnectionStats stats,
			AtomicReference<String> phase) {
		PrintStream out = (this.progress != null) ? this.progress : new PrintStream(PrintStream.nullOutputStream());
		ProgressPrinter printer = new ProgressPrinter(out, label, topology.users(), ledger, stats, phase::get);
		return (this.progress != null) ? printer.start() : printer;
	}

	private void log(String format, Object... args) {
		if (this.progress != null) {
			this.progress.printf(format + "%n", args);
		}
	}

	private static void sleepUntil(long nanos) {
		long remaining = nanos - System.nanoTime();
		if (remaining > 0) {
			pause(TimeUnit.NANOSECONDS.toMillis(remaining) + 1);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
