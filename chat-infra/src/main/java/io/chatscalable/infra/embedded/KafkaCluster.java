package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real three-broker Kafka 4 cluster (KRaft; each broker also a controller, static
 * quorum of three) on loopback, each broker its own JVM ({@code kafka.Kafka}) under a
 * {@link GuardedProcess}, so that a test can crash one with SIGKILL ({@link #kill}) as a
 * machine would fail. Internal topics have three replicas and a minimum of two in sync,
 * as the compose cluster has them; so do topics created without explicit settings.
 * <p>
 * Brokers declare themselves dead quickly ({@link #SESSION_TIMEOUT}), so that the
 * partitions a killed broker led get new leaders within seconds.
 */
public final class KafkaCluster implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

	/** How many brokers; quorum and replication are written for three. */
	public static final int SIZE = 3;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	/** A broker silent for this long is fenced and loses its leaderships. */
	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

	private final Path directory;

	private final String clusterId = Uuid.randomUuid().toString();

	private final List<Integer> ports = new ArrayList<>();

	private final List<Integer> controllerPorts = new ArrayList<>();

	private final GuardedProcess[] brokers = new GuardedProcess[SIZE];

	private KafkaCluster(Path directory) {
		this.directory = directory;
		for (int i = 0; i < SIZE; i++) {
			this.ports.add(FreePorts.next());
			this.controllerPorts.add(FreePorts.next());
		}
	}

	/**
	 * Formats and starts three brokers on free loopback ports and returns once the
	 * cluster reports all three; on failure stops what did start.
	 */
	public static KafkaCluster start() {
		Path directory;
		try {
			directory = Files.createTempDirectory("chat-kafka-cluster-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		KafkaCluster cluster = new KafkaCluster(directory);
		try {
			long begin = System.nanoTime();
			for (int i = 0; i < SIZE; i++) {
				cluster.format(i);
			}
			for (int i = 0; i < SIZE; i++) {
				cluster.launch(i);
			}
			cluster.awaitBrokers(SIZE);
			log.info("Kafka cluster of {} brokers ready on {} in {} ms", SIZE, cluster.bootstrapServers(),
					(System.nanoTime() - begin) / 1_000_000);
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/** The bootstrap servers clients use: every broker. */
	public String bootstrapServers() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/** Broker {@code nodeId}'s client port (node ids are 1 to {@link #SIZE}). */
	public int port(int nodeId) {
		return this.ports.get(nodeId - 1);
	}

	/**
	 * Crashes broker {@code nodeId}: SIGKILL to its JVM (no controlled shutdown, nothing
	 * flushed), then waits until it has exited.
	 */
	public synchronized void kill(int nodeId) {
		GuardedProcess broker = this.brokers[nodeId - 1];
		if (broker == null) {
			return;
		}
		List<ProcessHandle> tree = broker.handle().descendants().toList();
		log.info("Killing Kafka broker {} (SIGKILL to pid {})", nodeId, tree.stream().map(ProcessHandle::pid).toList());
		tree.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : tree) {
			process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
		}
		broker.stop(STOP_GRACE);
		this.brokers[nodeId - 1] = null;
	}

	/** Starts broker {@code nodeId} again on its ports and logs, and waits for it. */
	public synchronized void restart(int nodeId) {
		if (this.brokers[nodeId - 1] != null) {
			throw new IllegalStateException("Kafka broker " + nodeId + " runs");
		}
		launch(nodeId - 1);
		awaitBrokers(SIZE);
	}

	/** Stops every broker (SIGTERM: controlled shutdown) and deletes the logs. */
	@Override
	public synchronized void close() {
		for (int i = SIZE - 1; i >= 0; i--) {
			if (this.brokers[i] != null) {
				this.brokers[i].stop(STOP_GRACE);
				this.brokers[i] = null;
			}
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", this.directory, ex.toString());
		}
	}

	private Path logs(int i) {
		return this.directory.resolve("broker-" + (i + 1)).resolve("kafka-logs");
	}

	private Properties properties(int i) {
		String listener = "127.0.0.1:" + this.ports.get(i);
		String voters = IntStream.range(0, SIZE)
			.mapToObj((n) -> (n + 1) + "@127.0.0.1:" + this.controllerPorts.get(n))
			.collect(Collectors.joining(","));
		Properties properties = new Properties();
		properties.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", Integer.toString(i + 1)), Map.entry("controller.quorum.voters", voters),
				Map.entry("listeners",
						"PLAINTEXT://" + listener + ",CONTROLLER://127.0.0.1:" + this.controllerPorts.get(i)),
				Map.entry("advertised.listeners", "PLAINTEXT://" + listener),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("log.dirs", logs(i).toString()),
				// Three replicas, two in sync for an acks=all write: one broker may die
				// without losing an acknowledged record.
				Map.entry("default.replication.factor", "3"), Map.entry("min.insync.replicas", "2"),
				Map.entry("offsets.topic.replication.factor", "3"), Map.entry("offsets.topic.num.partitions", "10"),
				Map.entry("transaction.state.log.replication.factor", "3"),
				Map.entry("transaction.state.log.min.isr", "2"), Map.entry("transaction.state.log.num.partitions", "4"),
				Map.entry("share.coordinator.state.topic.replication.factor", "3"),
				Map.entry("share.coordinator.state.topic.min.isr", "2"),
				Map.entry("unclean.leader.election.enable", "false"), Map.entry("broker.heartbeat.interval.ms", "500"),
				Map.entry("broker.session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis())),
				Map.entry("group.initial.rebalance.delay.ms", "0"), Map.entry("auto.create.topics.enable", "false"),
				Map.entry("num.partitions", "6")));
		return properties;
	}

	private void format(int i) {
		Path logs = logs(i);
		try {
			Files.createDirectories(logs);
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(i + 1)
				.setClusterId(this.clusterId)
				.setDirectories(List.of(logs.toString()))
				.setMetadataLogDirectory(logs.toString())
				.setControllerListenerName("CONTROLLER")
				.setSupportedFeatures(Feature.PRODUCTION_FEATURES)
				.setReleaseVersion(MetadataVersion.latestProduction())
				.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + logs, ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format Kafka storage in " + logs, ex);
		}
	}

	private synchronized void launch(int i) {
		Path folder = this.directory.resolve("broker-" + (i + 1));
		Path config = folder.resolve("server.properties");
		try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
			properties(i).store(writer, "Kafka broker " + (i + 1) + " of a test cluster");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// This JVM's class path holds the broker (kafka_2.13 and its dependencies). Small
		// heaps and one GC thread: three brokers share two cores with the test.
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms128m",
				"-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"kafka.Kafka", config.toString());
		// Kafka shuts down in a controlled way on SIGTERM.
		this.brokers[i] = GuardedProcess.start("kafka-" + (i + 1), command, "TERM", folder.resolve("kafka.log"),
				Map.of());
	}

	private void awaitBrokers(int count) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			while (System.nanoTime() < deadline) {
				for (int i = 0; i < SIZE; i++) {
					GuardedProcess broker = this.brokers[i];
					if (broker != null && !broker.isAlive()) {
						throw new IllegalStateException(
								"Kafka broker " + (i + 1) + " exited while starting:\n" + broker.logTail());
					}
				}
				try {
					if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= count) {
						return;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
				}
				catch (Exception ex) {
					// Not answering yet.
				}
				Pause.briefly();
			}
		}
		throw new IllegalStateException("The Kafka cluster had not " + count + " brokers within " + START_TIMEOUT);
	}

}
