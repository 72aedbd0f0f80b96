package io.chatscalable.infra.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.chatscalable.infra.embedded.GuardedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's Prometheus server (Debian's {@code prometheus} package, or
 * {@code CHAT_PROMETHEUS_BIN}) on 127.0.0.1, with its configuration and data in one
 * directory; it cannot outlive this JVM (it runs under a {@link GuardedProcess}).
 */
public final class PrometheusServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PrometheusServer.class);

	/**
	 * Environment variable naming the binary when it is not {@code prometheus} on the
	 * PATH.
	 */
	public static final String BINARY_VARIABLE = "CHAT_PROMETHEUS_BIN";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_GRACE = Duration.ofSeconds(15);

	private static final long READY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	private final GuardedProcess process;

	private final URI url;

	private PrometheusServer(GuardedProcess process, URI url) {
		this.process = process;
		this.url = url;
	}

	/** The Prometheus binary, if this machine has one. */
	public static Optional<Path> binary() {
		String configured = System.getenv(BINARY_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		return onPath("prometheus");
	}

	/** An executable on the PATH. */
	public static Optional<Path> onPath(String name) {
		String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
		for (String directory : path.split(":")) {
			Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Writes {@code config} to {@code directory/prometheus.yml}, starts Prometheus on
	 * {@code 127.0.0.1:port} with its data in {@code directory/data} and its log in
	 * {@code directory/prometheus.log}, and waits until it is ready.
	 */
	public static PrometheusServer start(Path binary, PrometheusConfig config, Path directory, int port) {
		try {
			Files.createDirectories(directory.resolve("data"));
			Path configFile = directory.resolve("prometheus.yml");
			Files.writeString(configFile, config.render());
			Path logFile = directory.resolve("prometheus.log");
			List<String> command = List.of(binary.toString(), "--config.file=" + configFile.toAbsolutePath(),
					"--storage.tsdb.path=" + directory.resolve("data").toAbsolutePath(),
					"--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=2d");
			log.info("Starting Prometheus on 127.0.0.1:{} (log: {})", port, logFile);
			GuardedProcess process = GuardedProcess.start("prometheus", command, "TERM", logFile, Map.of());
			PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
			try {
				server.awaitReady();
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare Prometheus in " + directory, ex);
		}
	}

	/** Its base URL, {@code http://127.0.0.1:port}. */
	public URI url() {
		return this.url;
	}

	/** The last lines of its log, for error messages. */
	public String logTail() {
		return this.process.logTail();
	}

	/** Stops it (SIGTERM, then SIGKILL after a grace). */
	@Override
	public void close() {
		this.process.stop(STOP_GRACE);
	}

	private void awaitReady() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest ready = HttpRequest.newBuilder(this.url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Prometheus exited while starting:\n" + this.process.logTail());
			}
			try {
				if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for Prometheus", ex);
			}
			LockSupport.parkNanos(READY_POLL_NANOS);
		}
		throw new IllegalStateException(
				"Prometheus was not ready within " + START_TIMEOUT + ":\n" + this.process.logTail());
	}

}
