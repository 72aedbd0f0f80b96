package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4 cluster (KRaft, combined broker and controller) running
 * inside this JVM, listening on 127.0.0.1 only. Being in process, it cannot outlive the
 * JVM.
 */
public final class KafkaServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final int NODE_ID = 1;

	private final Settings settings;

	private KafkaRaftServer server;

	/**
	 * How to run the broker.
	 *
	 * @param port the client (PLAINTEXT) port on 127.0.0.1
	 * @param controllerPort the KRaft controller port on 127.0.0.1
	 * @param directory the log folder; reused when already formatted
	 */
	public record Settings(int port, int controllerPort, Path directory) {
	}

	public KafkaServer(Settings settings) {
		this.settings = settings;
	}

	/** The bootstrap servers clients use. */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.settings.port();
	}

	/**
	 * Formats the storage when it is new, starts the broker and waits until it answers.
	 * After {@link #close()} it may be called again: a new broker instance in this JVM on
	 * the same ports and logs, as Kafka's own test harness restarts brokers.
	 */
	public synchronized KafkaServer start() {
		if (this.server != null) {
			throw new IllegalStateException("Kafka already runs on " + bootstrapServers());
		}
		Path logs = this.settings.directory().resolve("kafka-logs").toAbsolutePath();
		Properties properties = brokerProperties(logs);
		KafkaConfig config = KafkaConfig.fromProps(properties, false);
		if (!Files.exists(logs.resolve("meta.properties"))) {
			format(logs);
		}
		this.server = new KafkaRaftServer(config, Time.SYSTEM);
		this.server.startup();
		awaitBroker();
		log.info("Kafka ready on {} (logs in {})", bootstrapServers(), logs);
		return this;
	}

	/** Shuts the broker down and waits for it; it may be started again. */
	@Override
	public synchronized void close() {
		if (this.server != null) {
			this.server.shutdown();
			this.server.awaitShutdown();
			this.server = null;
		}
	}

	private Properties brokerProperties(Path logs) {
		String controller = "127.0.0.1:" + this.settings.controllerPort();
		Properties properties = new Properties();
		properties.putAll(Map.ofEntries(Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", Integer.toString(NODE_ID)),
				Map.entry("controller.quorum.voters", NODE_ID + "@" + controller),
				Map.entry("listeners", "PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + controller),
				Map.entry("advertised.listeners", "PLAINTEXT://" + bootstrapServers()),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("log.dirs", logs.toString()),
				// One broker: every internal topic has one replica, or group and
				// transaction
				// operations hang waiting for replicas that will never exist.
				Map.entry("offsets.topic.replication.factor", "1"), Map.entry("offsets.topic.num.partitions", "10"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"), Map.entry("transaction.state.log.num.partitions", "4"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				// Groups form at once instead of waiting for more members that a test
				// will not bring.
				Map.entry("group.initial.rebalance.delay.ms", "0"),
				// Topics are created by the application with explicit partitions; a typo
				// must fail.
				Map.entry("auto.create.topics.enable", "false"), Map.entry("num.partitions", "6")));
		return properties;
	}

	private void format(Path logs) {
		try {
			Files.createDirectories(logs);
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(NODE_ID)
				.setClusterId(Uuid.randomUuid().toString())
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

	private void awaitBroker() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			admin.describeCluster().nodes().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka did not answer within " + START_TIMEOUT, ex);
		}
	}

}
