package io.chatscalable.infra.embedded;

import java.io.IOException;
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
				cluster.broker(i).format(cluster.clusterId);
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

	private KraftBroker broker(int i) {
		String voters = IntStream.range(0, SIZE)
			.mapToObj((n) -> (n + 1) + "@127.0.0.1:" + this.controllerPorts.get(n))
			.collect(Collectors.joining(","));
		return new KraftBroker(i + 1, "127.0.0.1:" + this.ports.get(i), "127.0.0.1:" + this.controllerPorts.get(i),
				voters, logs(i));
	}

	private Properties properties(int i) {
		// Three replicas, two in sync for an acks=all write: one broker may die without
		// losing an acknowledged record.
		return broker(i).properties(SIZE,
				Map.of("default.replication.factor", "3", "min.insync.replicas", "2", "unclean.leader.election.enable",
						"false", "broker.heartbeat.interval.ms", "500", "broker.session.timeout.ms",
						Long.toString(SESSION_TIMEOUT.toMillis())));
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
