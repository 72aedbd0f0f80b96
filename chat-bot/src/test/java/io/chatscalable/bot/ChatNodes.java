package io.chatscalable.bot;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.embedded.FreePorts;
import io.chatscalable.infra.embedded.GuardedProcess;

import static org.awaitility.Awaitility.await;

/**
 * chat-webflux nodes as child JVMs on 127.0.0.1, from the module's fat jar, pointed at
 * the test JVM's servers. They cannot outlive the test JVM.
 */
final class ChatNodes implements AutoCloseable {

	static final String JWT_SECRET = "integration-test-secret-0123456789abcdef";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration STOP_GRACE = Duration.ofSeconds(20);

	private final List<GuardedProcess> processes = new ArrayList<>();

	private final List<URI> urls = new ArrayList<>();

	/** Starts {@code count} nodes and waits until every one is healthy. */
	static ChatNodes start(int count, Endpoints endpoints, Path logDirectory) {
		Path jar = Path.of(System.getProperty("chat.webflux.jar", "../chat-webflux/target/chat-webflux.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build chat-webflux first "
					+ "(./mvnw -pl chat-bot -am verify builds it in the same reactor)");
		}
		ChatNodes nodes = new ChatNodes();
		try {
			Files.createDirectories(logDirectory);
			for (int i = 1; i <= count; i++) {
				nodes.launch(jar, "node-" + i, FreePorts.next(), endpoints, logDirectory);
			}
			nodes.awaitHealthy();
			return nodes;
		}
		catch (IOException ex) {
			nodes.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			nodes.close();
			throw ex;
		}
	}

	List<URI> urls() {
		return List.copyOf(this.urls);
	}

	private void launch(Path jar, String nodeId, int port, Endpoints endpoints, Path logDirectory) {
		Map<String, String> properties = new LinkedHashMap<>(endpoints.springProperties());
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", Integer.toString(port));
		properties.put("chat.node.id", nodeId);
		properties.put("chat.auth.jwt-secret", JWT_SECRET);
		properties.put("chat.auth.bcrypt-strength", "4");
		properties.put("chat.outbox.poll-interval", "50ms");
		properties.put("chat.kafka.session-timeout", "6s");
		properties.put("chat.redisson.lock-watchdog-timeout", "3s");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
						"-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = logDirectory.resolve(nodeId + ".log");
		this.processes.add(GuardedProcess.start(nodeId, command, "TERM", log, Map.of()));
		this.urls.add(URI.create("http://127.0.0.1:" + port));
	}

	private void awaitHealthy() {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build();
		for (int i = 0; i < this.urls.size(); i++) {
			GuardedProcess process = this.processes.get(i);
			HttpRequest health = HttpRequest.newBuilder(this.urls.get(i).resolve("/actuator/health"))
				.timeout(Duration.ofSeconds(5))
				.build();
			await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("A node exited while starting:\n" + process.logTail());
				}
				try {
					return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				}
				catch (IOException ex) {
					return false;
				}
			});
		}
	}

	@Override
	public void close() {
		this.processes.forEach((process) -> process.stop(STOP_GRACE));
		this.processes.clear();
	}

}
