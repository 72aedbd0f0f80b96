package io.chatscalable.infra.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
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
		KraftBroker broker = broker(logs);
		KafkaConfig config = KafkaConfig.fromProps(broker.properties(1, Map.of()), false);
		if (!Files.exists(logs.resolve("meta.properties"))) {
			broker.format(Uuid.randomUuid().toString());
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

	private KraftBroker broker(Path logs) {
		String controller = "127.0.0.1:" + this.settings.controllerPort();
		return new KraftBroker(NODE_ID, bootstrapServers(), controller, NODE_ID + "@" + controller, logs);
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
