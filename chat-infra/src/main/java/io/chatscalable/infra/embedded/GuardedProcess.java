package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process that cannot outlive the JVM that started it.
 * <p>
 * The command runs under a small {@code sh} guard whose standard input is a pipe from
 * this JVM. When the pipe closes (because {@link #stop} closed it, or because the JVM
 * exited in any way, even {@code kill -9}), the guard sends the server its stop signal
 * and waits for it, sending SIGKILL if it has not stopped within a minute. The guard runs
 * in its own session ({@code setsid}), so a Ctrl-C in the terminal reaches only the
 * launcher, which then stops servers in order.
 */
public final class GuardedProcess {

	private static final Logger log = LoggerFactory.getLogger(GuardedProcess.class);

	private static final String GUARD_SCRIPT = """
			"$@" </dev/null &
			child=$!
			stop() {
			  kill -s "$STOP_SIGNAL" "$child" 2>/dev/null
			  ( sleep "$KILL_AFTER"; kill -9 "$child" 2>/dev/null ) &
			  killer=$!
			  wait "$child"
			  status=$?
			  kill "$killer" 2>/dev/null
			  exit $status
			}
			trap stop TERM INT HUP
			while read -r _; do :; done
			stop
			""";

	/**
	 * How long the guard waits, once its JVM is gone, for the server to obey its stop
	 * signal before it sends SIGKILL: a server that hangs while stopping (a node still
	 * starting when its broker vanished) must not outlive us. The JVM's own
	 * {@link #stop(Duration)} kills sooner when it is still there to do so.
	 */
	private static final String KILL_AFTER_SECONDS = "60";

	private final String name;

	private final Process guard;

	private final OutputStream lifeline;

	private final Path logFile;

	private GuardedProcess(String name, Process guard, Path logFile) {
		this.name = name;
		this.guard = guard;
		this.lifeline = guard.getOutputStream();
		this.logFile = logFile;
	}

	/**
	 * Starts {@code command} under a guard.
	 * @param name a name for logs
	 * @param command the server command line
	 * @param stopSignal the signal that stops the server cleanly and quickly (e.g. INT
	 * for PostgreSQL)
	 * @param logFile where the server's output goes
	 * @param environment extra environment variables
	 * @return the running process
	 */
	public static GuardedProcess start(String name, List<String> command, String stopSignal, Path logFile,
			Map<String, String> environment) {
		List<String> full = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			full.add("/usr/bin/setsid");
		}
		full.addAll(List.of("/bin/sh", "-c", GUARD_SCRIPT, "guard-" + name));
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
		builder.environment().putAll(environment);
		builder.environment().put("STOP_SIGNAL", stopSignal);
		builder.environment().put("KILL_AFTER", KILL_AFTER_SECONDS);
		try {
			return new GuardedProcess(name, builder.start(), logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), ex);
		}
	}

	/** Whether the guard (and so the server) still runs. */
	public boolean isAlive() {
		return this.guard.isAlive();
	}

	/** The guard's process, whose only child is the server. */
	public ProcessHandle handle() {
		return this.guard.toHandle();
	}

	/** The pipe whose closing stops the server; only tests close it directly. */
	OutputStream lifelineForTests() {
		return this.lifeline;
	}

	/** The last lines the server wrote, for error messages. */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stops the server with its stop signal and waits for it; kills it if it has not
	 * stopped within {@code grace}.
	 * @param grace how long a clean stop may take
	 */
	public void stop(Duration grace) {
		List<ProcessHandle> tree = new ArrayList<>();
		this.guard.descendants().forEach(tree::add);
		long deadline = System.nanoTime() + grace.toNanos();
		try {
			this.lifeline.close();
		}
		catch (IOException ex) {
			// The pipe is already gone, so the guard is already stopping the server.
		}
		try {
			this.guard.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
			for (ProcessHandle process : tree) {
				long left = Math.max(0, deadline - System.nanoTime());
				process.onExit().completeOnTimeout(process, left, TimeUnit.NANOSECONDS).join();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			killLeftovers(tree);
		}
	}

	private void killLeftovers(List<ProcessHandle> tree) {
		List<ProcessHandle> leftovers = new ArrayList<>(tree.stream().filter(ProcessHandle::isAlive).toList());
		if (this.guard.isAlive()) {
			leftovers.add(this.guard.toHandle());
		}
		if (leftovers.isEmpty()) {
			return;
		}
		log.warn("{}: {} process(es) still running after the stop signal; killing them", this.name, leftovers.size());
		leftovers.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : leftovers) {
			process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
		}
	}

}
