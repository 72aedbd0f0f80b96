package io.chatscalable.chat.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chatscalable.infra.testing.TestInfrastructure;

/**
 * A real database outage for a test: the test JVM's embedded PostgreSQL server and all of
 * its backends stopped with SIGSTOP, so every connection stays open and every query hangs
 * (as with a frozen host or a network partition), until {@link #close()} sends SIGCONT.
 * Use it in try-with-resources so the database always resumes.
 */
public final class PausedPostgres implements AutoCloseable {

	private final ProcessHandle guard;

	private PausedPostgres(ProcessHandle guard) {
		this.guard = guard;
	}

	/** Whether this JVM owns the PostgreSQL process (embedded servers). */
	public static boolean available() {
		return TestInfrastructure.postgresProcess().isPresent();
	}

	/** Stops PostgreSQL's processes. */
	public static PausedPostgres pause() {
		ProcessHandle guard = TestInfrastructure.postgresProcess()
			.orElseThrow(() -> new IllegalStateException("PostgreSQL is not an embedded server of this JVM"));
		signal("STOP", guard);
		return new PausedPostgres(guard);
	}

	/** Resumes every one of PostgreSQL's processes. */
	@Override
	public void close() {
		signal("CONT", this.guard);
	}

	private static void signal(String signal, ProcessHandle guard) {
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		guard.descendants().forEach((process) -> command.add(Long.toString(process.pid())));
		if (command.size() == 2) {
			throw new IllegalStateException("PostgreSQL has no running process under " + guard.pid());
		}
		try {
			Process kill = new ProcessBuilder(command).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("Could not signal PostgreSQL: " + command);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not signal PostgreSQL: " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling PostgreSQL", ex);
		}
	}

}
