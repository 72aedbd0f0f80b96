package io.chatscalable.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.embedded.GuardedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat-webflux node of the local run, a child JVM that cannot outlive the launcher.
 */
final class NodeProcess {

	private static final Logger log = LoggerFactory.getLogger(NodeProcess.class);

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final String nodeId;

	private final int port;

	private final Path logFile;

	private final GuardedProcess process;

	private NodeProcess(String nodeId, int port, Path logFile, GuardedProcess process) {
		this.nodeId = nodeId;
		this.port = port;
		this.logFile = logFile;
		this.process = process;
	}

	static NodeProcess start(LocalRunOptions options, int index, Endpoints endpoints) {
		Path jar = options.appJar();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build it with ./mvnw -DskipTests package");
		}
		String nodeId = "node-" + (index + 1);
		int port = options.firstNodePort() + index;
		Path logFile = options.dataDirectory().resolve("logs").resolve(nodeId + ".log");
		try {
			Files.createDirectories(logFile.getParent());
			Files.deleteIfExists(logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String javaOptions = System.getenv().getOrDefault("CHAT_NODE_JAVA_OPTS", "-Xmx1g");
		Arrays.stream(javaOptions.trim().split("\\s+")).filter((option) -> !option.isEmpty()).forEach(command::add);
		command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=local", "--server.port=" + port,
				"--chat.node.id=" + nodeId));
		endpoints.springProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
		log.info("Starting {} on port {} (log: {})", nodeId, port, logFile);
		// Spring Boot shuts down gracefully on SIGTERM.
		GuardedProcess process = GuardedProcess.start(nodeId, command, "TERM", logFile, Map.of());
		return new NodeProcess(nodeId, port, logFile, process);
	}

	String nodeId() {
		return this.nodeId;
	}

	int port() {
		return this.port;
	}

	Path logFile() {
		return this.logFile;
	}

	String healthUrl() {
		return "http://127.0.0.1:" + this.port + "/actuator/health";
	}

	void awaitHealthy() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(healthUrl())).timeout(Duration.ofSeconds(5)).build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.nodeId + " exited while starting:\n" + this.process.logTail());
			}
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					log.info("{} is up: {}", this.nodeId, response.body());
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.nodeId, ex);
			}
			sleepQuietly();
		}
		throw new IllegalStateException(
				this.nodeId + " was not healthy within " + START_TIMEOUT + ":\n" + this.process.logTail());
	}

	void stop(Duration grace) {
		log.info("Stopping {}", this.nodeId);
		this.process.stop(grace);
	}

	private static void sleepQuietly() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
