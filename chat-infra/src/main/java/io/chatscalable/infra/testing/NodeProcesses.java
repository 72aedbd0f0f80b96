package io.chatscalable.infra.testing;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.embedded.FreePorts;
import io.chatscalable.infra.embedded.GuardedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * chat-webflux nodes as child JVMs on 127.0.0.1, run from the fat jar and pointed at
 * given servers; they cannot outlive this JVM (each runs under a {@link GuardedProcess}).
 * <p>
 * Node {@code i} (0-based) is {@code node-(i+1)} on a fixed port for its whole life, so a
 * node that was killed ({@link #kill}) or stopped ({@link #terminate}) comes back on the
 * same URL with {@link #start(int)}. Its log is {@code logDirectory/node-N.log}, appended
 * to across restarts. Methods are synchronized: one fault at a time.
 */
public final class NodeProcesses implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NodeProcesses.class);

	/**
	 * Bound on a SIGKILLed JVM's exit; the kernel reaps it at once, so this is generous.
	 */
	private static final Duration KILL_WAIT = Duration.ofSeconds(10);

	private static final long HEALTH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private final Settings settings;

	private final List<Integer> ports;

	private final List<Integer> managementPorts;

	private final GuardedProcess[] processes;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	/**
	 * How the nodes run.
	 *
	 * @param jar the chat-webflux fat jar
	 * @param logDirectory where each node's log goes
	 * @param endpoints the PostgreSQL, Redis and Kafka the nodes use
	 * @param properties extra Spring properties for every node (they win over the
	 * defaults)
	 * @param javaOptions JVM options of every node
	 * @param startTimeout how long a node may take to become healthy
	 * @param stopGrace how long a SIGTERMed node may take to stop before it is killed
	 */
	public record Settings(Path jar, Path logDirectory, Endpoints endpoints, Map<String, String> properties,
			List<String> javaOptions, Duration startTimeout, Duration stopGrace) {

		public Settings {
			if (!Files.isRegularFile(jar)) {
				throw new IllegalArgumentException(jar.toAbsolutePath()
						+ " is missing: build chat-webflux first (./mvnw -pl chat-webflux -am package -DskipTests)");
			}
			properties = Map.copyOf(properties);
			javaOptions = List.copyOf(javaOptions);
			if (startTimeout.isNegative() || startTimeout.isZero() || stopGrace.isNegative()) {
				throw new IllegalArgumentException("startTimeout must be positive and stopGrace not negative");
			}
		}

		/**
		 * Test defaults: small heaps and a quick JIT (many short-lived nodes on two
		 * cores), three minutes to start, twenty seconds to stop.
		 */
		public static Settings of(Path jar, Path logDirectory, Endpoints endpoints) {
			return new Settings(jar, logDirectory, endpoints, Map.of(), List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
					Duration.ofMinutes(3), Duration.ofSeconds(20));
		}

		/** The same settings with these extra Spring properties. */
		public Settings withProperties(Map<String, String> extra) {
			return new Settings(this.jar, this.logDirectory, this.endpoints, extra, this.javaOptions, this.startTimeout,
					this.stopGrace);
		}

		/** The same settings with these JVM options. */
		public Settings withJavaOptions(List<String> options) {
			return new Settings(this.jar, this.logDirectory, this.endpoints, this.properties, options,
					this.startTimeout, this.stopGrace);
		}

	}

	private NodeProcesses(Settings settings, List<Integer> ports, List<Integer> managementPorts) {
		if (managementPorts.size() != ports.size()) {
			throw new IllegalArgumentException("One management port per node");
		}
		this.settings = settings;
		this.ports = List.copyOf(ports);
		this.managementPorts = List.copyOf(managementPorts);
		this.processes = new GuardedProcess[ports.size()];
	}

	/**
	 * Starts {@code count} nodes on free loopback ports and waits until all are healthy.
	 */
	public static NodeProcesses start(int count, Settings settings) {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ports.add(FreePorts.next());
		}
		return start(ports, settings);
	}

	/**
	 * Starts one node on each of {@code ports} and waits until all are healthy; on
	 * failure stops what did start.
	 */
	public static NodeProcesses start(List<Integer> ports, Settings settings) {
		NodeProcesses nodes = create(ports, settings);
		nodes.startAll();
		return nodes;
	}

	/**
	 * Nodes on {@code ports}, not started yet: for a caller that must be able to
	 * {@link #close()} them while {@link #startAll()} still waits (a launcher's shutdown
	 * hook).
	 */
	public static NodeProcesses create(List<Integer> ports, Settings settings) {
		List<Integer> managementPorts = new ArrayList<>();
		for (int i = 0; i < ports.size(); i++) {
			managementPorts.add(FreePorts.next());
		}
		return create(ports, managementPorts, settings);
	}

	/**
	 * Nodes on {@code ports}, each with its actuator on the management port of the same
	 * index, not started yet.
	 */
	public static NodeProcesses create(List<Integer> ports, List<Integer> managementPorts, Settings settings) {
		return new NodeProcesses(settings, ports, managementPorts);
	}

	/**
	 * Starts every node and waits until all are healthy; on failure (or a concurrent
	 * {@link #close()}) stops what did start.
	 */
	public void startAll() {
		try {
			synchronized (this) {
				Files.createDirectories(this.settings.logDirectory());
				for (int i = 0; i < size(); i++) {
					Files.deleteIfExists(logFile(i));
					launch(i);
				}
			}
			// Not under the monitor: close() must be able to stop nodes that are still
			// starting.
			for (int i = 0; i < size(); i++) {
				awaitHealthy(i);
			}
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** How many nodes there are (running or not). */
	public int size() {
		return this.ports.size();
	}

	/** Node {@code i}'s base URL, {@code http://127.0.0.1:port}. */
	public URI url(int i) {
		return URI.create("http://127.0.0.1:" + port(i));
	}

	/** Every node's base URL, in index order. */
	public List<URI> urls() {
		List<URI> urls = new ArrayList<>();
		for (int i = 0; i < size(); i++) {
			urls.add(url(i));
		}
		return urls;
	}

	/** Node {@code i}'s HTTP port. */
	public int port(int i) {
		return this.ports.get(i);
	}

	/**
	 * The port node {@code i} serves {@code /actuator/prometheus} on, for scrapers (the
	 * local run's and the tests' Prometheus): its management port.
	 */
	public int metricsPort(int i) {
		return managementPort(i);
	}

	/**
	 * Node {@code i}'s management base URL, {@code http://127.0.0.1:port}: the actuator
	 * (health with details, Prometheus).
	 */
	public URI managementUrl(int i) {
		return URI.create("http://127.0.0.1:" + this.managementPorts.get(i));
	}

	/** Node {@code i}'s management port. */
	public int managementPort(int i) {
		return this.managementPorts.get(i);
	}

	/** Node {@code i}'s id, {@code node-(i+1)}. */
	public String nodeId(int i) {
		return "node-" + (i + 1);
	}

	/** Node {@code i}'s log file. */
	public Path logFile(int i) {
		return this.settings.logDirectory().resolve(nodeId(i) + ".log");
	}

	/** Whether node {@code i} runs (started and not stopped, killed or crashed). */
	public synchronized boolean isRunning(int i) {
		return this.processes[i] != null && this.processes[i].isAlive();
	}

	/** Node {@code i}'s JVM (not its guard), while it runs. */
	public synchronized Optional<ProcessHandle> jvm(int i) {
		if (this.processes[i] == null) {
			return Optional.empty();
		}
		return this.processes[i].handle().children().findFirst();
	}

	/**
	 * Sends SIGKILL to node {@code i}'s JVM itself (no shutdown hook, no graceful close:
	 * a crash), waits until it has exited, then reaps its guard.
	 */
	public synchronized void kill(int i) {
		GuardedProcess process = this.processes[i];
		if (process == null) {
			return;
		}
		List<ProcessHandle> tree = process.handle().descendants().toList();
		log.info("Killing {} (SIGKILL to pid {})", nodeId(i), tree.stream().map(ProcessHandle::pid).toList());
		tree.forEach(ProcessHandle::destroyForcibly);
		// The dead JVM stays a zombie until its guard reaps it: closing the lifeline
		// makes
		// the guard wait for it and exit at once.
		process.stop(KILL_WAIT);
		for (ProcessHandle jvm : tree) {
			jvm.onExit().completeOnTimeout(jvm, KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
		}
		this.processes[i] = null;
	}

	/**
	 * Sends SIGTERM to node {@code i} (Spring's graceful shutdown) and waits until it has
	 * exited, killing it after the stop grace.
	 */
	public synchronized void terminate(int i) {
		GuardedProcess process = this.processes[i];
		if (process == null) {
			return;
		}
		log.info("Stopping {} (SIGTERM)", nodeId(i));
		process.stop(this.settings.stopGrace());
		this.processes[i] = null;
	}

	/** Starts node {@code i} again on its port and waits until it is healthy. */
	public synchronized void start(int i) {
		if (isRunning(i)) {
			throw new IllegalStateException(nodeId(i) + " already runs");
		}
		this.processes[i] = null;
		launch(i);
		awaitHealthy(i);
	}

	/** Stops every node that runs (SIGTERM, then SIGKILL after the grace). */
	@Override
	public synchronized void close() {
		for (int i = 0; i < size(); i++) {
			if (this.processes[i] != null) {
				terminate(i);
			}
		}
	}

	private void launch(int i) {
		Map<String, String> properties = new LinkedHashMap<>(this.settings.endpoints().springProperties());
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", Integer.toString(port(i)));
		properties.put("management.server.port", Integer.toString(managementPort(i)));
		properties.put("chat.node.id", nodeId(i));
		properties.putAll(this.settings.properties());
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.settings.javaOptions());
		command.addAll(List.of("-jar", this.settings.jar().toAbsolutePath().toString()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		log.info("Starting {} on 127.0.0.1:{} (log: {})", nodeId(i), port(i), logFile(i));
		// Spring Boot shuts down gracefully on SIGTERM.
		this.processes[i] = GuardedProcess.start(nodeId(i), command, "TERM", logFile(i), Map.of());
	}

	private void awaitHealthy(int i) {
		GuardedProcess process;
		synchronized (this) {
			process = this.processes[i];
		}
		if (process == null) {
			throw new IllegalStateException(nodeId(i) + " was stopped while starting");
		}
		// The readiness probe on the API port: up once the node can serve.
		HttpRequest health = HttpRequest.newBuilder(url(i).resolve("/readyz")).timeout(Duration.ofSeconds(5)).build();
		long deadline = System.nanoTime() + this.settings.startTimeout().toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(nodeId(i) + " exited while starting:\n" + process.logTail());
			}
			try {
				if (this.http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					log.info("{} is healthy on {}", nodeId(i), url(i));
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + nodeId(i), ex);
			}
			LockSupport.parkNanos(HEALTH_POLL_NANOS);
		}
		throw new IllegalStateException(
				nodeId(i) + " was not healthy within " + this.settings.startTimeout() + ":\n" + process.logTail());
	}

}
