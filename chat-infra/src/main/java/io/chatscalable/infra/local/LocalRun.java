package io.chatscalable.infra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.embedded.EmbeddedInfrastructure;
import io.chatscalable.infra.embedded.FreePorts;
import io.chatscalable.infra.embedded.PostgresServer;
import io.chatscalable.infra.monitoring.PrometheusConfig;
import io.chatscalable.infra.monitoring.PrometheusServer;
import io.chatscalable.infra.testing.FaultControl;
import io.chatscalable.infra.testing.NodeProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run: real PostgreSQL, Redis and Kafka on fixed loopback ports with data kept
 * across restarts, then the chat nodes as child processes. Ctrl-C stops the nodes first
 * (so they flush and leave their groups), then the servers, and leaves no process or port
 * behind.
 */
public final class LocalRun {

	private static final Logger log = LoggerFactory.getLogger(LocalRun.class);

	private static final Duration NODE_STOP_GRACE = Duration.ofSeconds(40);

	/** Node i serves its actuator on its API port plus this (8080 -> 8180). */
	private static final int MANAGEMENT_PORT_OFFSET = 100;

	private static final Duration NODE_START_TIMEOUT = Duration.ofMinutes(2);

	/**
	 * How often the local Prometheus scrapes the nodes: often enough to watch a test run.
	 */
	private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(5);

	private final LocalRunOptions options;

	private NodeProcesses nodes;

	private FaultControl control;

	private EmbeddedInfrastructure infrastructure;

	private PrometheusServer prometheus;

	LocalRun(LocalRunOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws InterruptedException {
		LocalRunOptions options;
		try {
			options = LocalRunOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(LocalRunOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.println(LocalRunOptions.USAGE);
			return;
		}
		LocalRun run = new LocalRun(options);
		Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "local-run-stop"));
		try {
			run.start();
		}
		catch (RuntimeException ex) {
			log.error("Local run failed to start: {}", ex.getMessage(), ex);
			System.exit(1);
		}
		Thread.currentThread().join();
	}

	void start() {
		requireFreePorts();
		if (this.options.fresh()) {
			log.info("--fresh: deleting {}", this.options.dataDirectory());
			deleteTree(PostgresServer.reachableDataDirectory(this.options.dataDirectory().resolve("postgres")));
			deleteTree(this.options.dataDirectory());
		}
		this.infrastructure = new EmbeddedInfrastructure(
				new EmbeddedInfrastructure.Settings(this.options.dataDirectory(), this.options.postgresPort(),
						this.options.redisPort(), this.options.kafkaPort(), this.options.kafkaControllerPort(),
						LocalRunOptions.DATABASE_PASSWORD, true, false))
			.start();
		Endpoints endpoints = this.infrastructure.endpoints();
		NodeProcesses starting = NodeProcesses.create(nodePorts(), managementPorts(), nodeSettings(endpoints));
		synchronized (this) {
			// Visible to stop() (the shutdown hook) while the nodes start.
			this.nodes = starting;
		}
		starting.startAll();
		if (this.options.controlPort() > 0) {
			this.control = FaultControl.start(this.options.controlPort(), this.infrastructure, this.nodes);
		}
		if (this.options.prometheusPort() > 0) {
			startPrometheus();
		}
		printSummary(endpoints);
	}

	/**
	 * The machine's Prometheus against the nodes, if it has one; without it the run goes
	 * on and says how to get it.
	 */
	private void startPrometheus() {
		Optional<Path> binary = PrometheusServer.binary();
		if (binary.isEmpty()) {
			log.warn("--monitoring: no Prometheus on this machine (install Debian's package: sudo apt-get install "
					+ "prometheus, or set {}); going on without it", PrometheusServer.BINARY_VARIABLE);
			return;
		}
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < this.nodes.size(); i++) {
			ports.add(this.nodes.metricsPort(i));
		}
		PrometheusConfig config = new PrometheusConfig(PrometheusConfig.loopbackTargets(ports),
				LocalRunOptions.ALERT_RULES.toAbsolutePath().resolve("*.yml").toString(), SCRAPE_INTERVAL);
		PrometheusServer started = PrometheusServer.start(binary.get(), config,
				this.options.dataDirectory().resolve("prometheus"), this.options.prometheusPort());
		synchronized (this) {
			this.prometheus = started;
		}
	}

	synchronized void stop() {
		if (this.prometheus != null) {
			this.prometheus.close();
			this.prometheus = null;
		}
		if (this.control != null) {
			this.control.close();
			this.control = null;
		}
		if (this.nodes != null) {
			this.nodes.close();
			this.nodes = null;
		}
		if (this.infrastructure != null) {
			this.infrastructure.close();
			this.infrastructure = null;
			log.info("Local run stopped");
		}
	}

	private void printSummary(Endpoints endpoints) {
		StringBuilder summary = new StringBuilder("\n\nchat-scalable is running locally.\n\n");
		summary.append(String.format("  Open      %s/  (the browser client; a second tab on %s/ chats as another "
				+ "user on the other node)%n%n", this.nodes.url(0), this.nodes.url(this.nodes.size() - 1)));
		for (int i = 0; i < this.nodes.size(); i++) {
			summary.append(String.format("  %-8s %s   ws://127.0.0.1:%d/ws   health: %s/actuator/health   log: %s%n",
					this.nodes.nodeId(i), this.nodes.url(i), this.nodes.port(i), this.nodes.managementUrl(i),
					this.nodes.logFile(i)));
		}
		summary.append(String.format("%n  PostgreSQL  %s (user chat, password %s)%n", endpoints.jdbcUrl(),
				LocalRunOptions.DATABASE_PASSWORD));
		summary.append(String.format("  Redis       redis://%s:%d%n", endpoints.redisHost(), endpoints.redisPort()));
		summary.append(String.format("  Kafka       %s%n", endpoints.kafkaBootstrapServers()));
		summary.append(String.format("  Data        %s (start with --fresh to wipe it)%n",
				this.options.dataDirectory().toAbsolutePath()));
		if (this.control != null) {
			summary.append(String.format("  Faults      %s (e.g. curl -X POST %s/nodes/1/kill)%n", this.control.url(),
					this.control.url()));
		}
		if (this.prometheus != null) {
			summary.append(
					String.format("  Prometheus  %s (alerts: %s/alerts; dashboards: see chat-monitoring/README.md)%n",
							this.prometheus.url(), this.prometheus.url()));
		}
		summary.append(String.format("%n"));
		summary.append("Press Ctrl-C to stop everything.\n");
		System.out.println(summary);
	}

	private List<Integer> nodePorts() {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < this.options.nodes(); i++) {
			ports.add(this.options.firstNodePort() + i);
		}
		return ports;
	}

	/**
	 * Node i's actuator (health with details, Prometheus) on its API port + 100, e.g.
	 * 8180, 8181: loopback only, like everything here.
	 */
	private List<Integer> managementPorts() {
		return nodePorts().stream().map((port) -> port + MANAGEMENT_PORT_OFFSET).toList();
	}

	private NodeProcesses.Settings nodeSettings(Endpoints endpoints) {
		String javaOptions = System.getenv().getOrDefault("CHAT_NODE_JAVA_OPTS", "-Xmx1g");
		List<String> options = Arrays.stream(javaOptions.trim().split("\\s+"))
			.filter((option) -> !option.isEmpty())
			.toList();
		// A busy machine (a build beside it) may need longer; the end-to-end tests give
		// more.
		Duration startTimeout = Duration.ofSeconds(Long.parseLong(System.getenv()
			.getOrDefault("CHAT_NODE_START_TIMEOUT_SECONDS", Long.toString(NODE_START_TIMEOUT.toSeconds()))));
		return new NodeProcesses.Settings(this.options.appJar(), this.options.dataDirectory().resolve("logs"),
				endpoints, nodeProperties(), options, startTimeout, NODE_STOP_GRACE);
	}

	/**
	 * The local profile, and the browser client: served at {@code /} by every node, told
	 * every node's URL (its fail-over list), and allowed to call every node's REST API
	 * from any node's page (CORS).
	 */
	private Map<String, String> nodeProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.profiles.active", "local");
		List<String> nodes = new ArrayList<>();
		List<String> origins = new ArrayList<>();
		for (int port : nodePorts()) {
			nodes.add("http://127.0.0.1:" + port);
			origins.add("http://127.0.0.1:" + port);
			origins.add("http://localhost:" + port);
		}
		properties.put("chat.web.client-nodes", String.join(",", nodes));
		properties.put("chat.web.allowed-origins", String.join(",", origins));
		Path client = this.options.clientDirectory().toAbsolutePath().normalize();
		if (Files.isRegularFile(client.resolve("index.html"))) {
			properties.put("spring.web.resources.static-locations", client.toUri().toString());
		}
		else {
			log.warn("No browser client at {} (build it: cd chat-react && npm ci && npm run build)", client);
		}
		return properties;
	}

	private void requireFreePorts() {
		List<Integer> ports = new ArrayList<>(List.of(this.options.postgresPort(), this.options.redisPort(),
				this.options.kafkaPort(), this.options.kafkaControllerPort()));
		if (this.options.controlPort() > 0) {
			ports.add(this.options.controlPort());
		}
		if (this.options.prometheusPort() > 0) {
			ports.add(this.options.prometheusPort());
		}
		for (int i = 0; i < this.options.nodes(); i++) {
			ports.add(this.options.firstNodePort() + i);
			ports.add(this.options.firstNodePort() + MANAGEMENT_PORT_OFFSET + i);
		}
		List<Integer> busy = ports.stream().filter(FreePorts::isListening).toList();
		if (!busy.isEmpty()) {
			throw new IllegalStateException(
					"Ports already in use on 127.0.0.1: " + busy + " (is another local run still up?)");
		}
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + root, ex);
		}
	}

}
