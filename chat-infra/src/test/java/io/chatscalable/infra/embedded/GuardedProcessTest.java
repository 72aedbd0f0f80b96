package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GuardedProcessTest {

	@TempDir
	Path folder;

	@Test
	void stopEndsTheServerAndTheGuard() throws Exception {
		GuardedProcess process = GuardedProcess.start("sleeper", List.of("sleep", "300"), "TERM",
				this.folder.resolve("log"), Map.of());
		ProcessHandle server = awaitChild(process);

		process.stop(Duration.ofSeconds(10));

		assertThat(server.isAlive()).isFalse();
		assertThat(process.isAlive()).isFalse();
	}

	@Test
	void serverDiesWhenTheLifelineBreaksAsIfTheJvmHadBeenKilled() throws Exception {
		GuardedProcess process = GuardedProcess.start("sleeper", List.of("sleep", "300"), "TERM",
				this.folder.resolve("log"), Map.of());
		ProcessHandle server = awaitChild(process);

		// What the kernel does to the pipe when this JVM dies, even by SIGKILL: the write
		// end closes.
		closeLifeline(process);

		server.onExit().get(10, TimeUnit.SECONDS);
		assertThat(server.isAlive()).isFalse();
	}

	@Test
	void stopKillsWhatTheServerLeftRunning() throws Exception {
		// A "server" that ignores its stop signal and has a child of its own.
		GuardedProcess process = GuardedProcess.start("stubborn", List.of("sh", "-c", "trap '' TERM; sleep 300 & wait"),
				"TERM", this.folder.resolve("log"), Map.of());
		ProcessHandle server = awaitChild(process);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (server.children().findAny().isEmpty() && System.nanoTime() < deadline) {
			Pause.briefly();
		}
		List<ProcessHandle> tree = java.util.stream.Stream
			.concat(java.util.stream.Stream.of(server), server.descendants())
			.toList();

		process.stop(Duration.ofMillis(500));

		assertThat(tree).hasSizeGreaterThan(1).noneMatch(ProcessHandle::isAlive);
		assertThat(process.isAlive()).isFalse();
	}

	@Test
	void serverOutputGoesToTheLog() throws Exception {
		Path log = this.folder.resolve("log");
		GuardedProcess process = GuardedProcess.start("echo",
				List.of("sh", "-c", "echo hello-from-server; exec sleep 300"), "TERM", log, Map.of());
		awaitChild(process);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!Files.readString(log).contains("hello-from-server") && System.nanoTime() < deadline) {
			Pause.briefly();
		}
		assertThat(process.logTail()).contains("hello-from-server");
		process.stop(Duration.ofSeconds(10));
	}

	private static ProcessHandle awaitChild(GuardedProcess process) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			var child = process.handle().children().findFirst();
			if (child.isPresent()) {
				return child.get();
			}
			Pause.briefly();
		}
		throw new AssertionError("The guard started no server");
	}

	private static void closeLifeline(GuardedProcess process) throws IOException {
		process.lifelineForTests().close();
	}

}
