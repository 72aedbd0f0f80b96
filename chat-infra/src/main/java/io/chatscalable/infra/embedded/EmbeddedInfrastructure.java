package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.Infrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL, Redis and Kafka on loopback without Docker: two child processes that die
 * with this JVM and an in-process broker. The servers start in parallel; closing stops
 * them in reverse order. Each server can be stopped and started again on the same port
 * and data ({@link #stopPostgres()}, {@link #startPostgres()} and so on), for fault
 * injection in tests and chaos runs.
 */
public final class EmbeddedInfrastructure implements Infrastructure {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

	private static final String DATABASE = "chat";

	private static final String USERNAME = "chat";

	private final Settings settings;

	private final List<AutoCloseable> started = new ArrayList<>();

	private PostgresServer postgres;

	private RedisServer redis;

	private KafkaServer kafka;

	/**
	 * Where and how the servers run.
	 *
	 * @param directory the folder for all data and logs
	 * @param postgresPort PostgreSQL's port
	 * @param redisPort Redis's port
	 * @param kafkaPort Kafka's client port
	 * @param kafkaControllerPort Kafka's controller port
	 * @param password the database password
	 * @param durable whether data is kept safely across restarts (local run) or thrown
	 * away (tests)
	 * @param deleteOnClose whether to delete {@code directory} on close
	 */
	public record Settings(Path directory, int postgresPort, int redisPort, int kafkaPort, int kafkaControllerPort,
			String password, boolean durable, boolean deleteOnClose) {

		/**
		 * Throw-away servers on free ports in a new temporary folder, as the tests use
		 * them.
		 */
		public static Settings forTests() {
			try {
				// Searchable by others, so that PostgreSQL, run as nobody when we are
				// root, can reach its data.
				Path directory = Files.createTempDirectory("chat-infra-",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
				return new Settings(directory, FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
						"chat-test", false, true);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public String toString() {
			return "Settings[directory=" + this.directory + ", postgresPort=" + this.postgresPort + ", redisPort="
					+ this.redisPort + ", kafkaPort=" + this.kafkaPort + ", durable=" + this.durable + "]";
		}

	}

	public EmbeddedInfrastructure(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Starts the three servers in parallel and returns when all answer; on failure stops
	 * what did start.
	 */
	public EmbeddedInfrastructure start() {
		long begin = System.nanoTime();
		// On two cores the common pool runs one task at a time: use threads of our own.
		ExecutorService executor = Executors.newFixedThreadPool(3, (task) -> {
			Thread thread = new Thread(task, "infra-start");
			thread.setDaemon(true);
			return thread;
		});
		try {
			CompletableFuture<PostgresServer> postgresStart = CompletableFuture
				.supplyAsync(
						() -> track(new PostgresServer(
								new PostgresServer.Settings(this.settings.postgresPort(), folder("postgres"), DATABASE,
										USERNAME, this.settings.password(), this.settings.durable()))
							.start()),
						executor);
			CompletableFuture<RedisServer> redisStart = CompletableFuture.supplyAsync(() -> track(new RedisServer(
					new RedisServer.Settings(this.settings.redisPort(), folder("redis"), this.settings.durable()))
				.start()), executor);
			CompletableFuture<KafkaServer> kafkaStart = CompletableFuture
				.supplyAsync(() -> track(new KafkaServer(new KafkaServer.Settings(this.settings.kafkaPort(),
						this.settings.kafkaControllerPort(), folder("kafka")))
					.start()), executor);
			CompletableFuture.allOf(postgresStart, redisStart, kafkaStart).join();
			this.postgres = postgresStart.join();
			this.redis = redisStart.join();
			this.kafka = kafkaStart.join();
		}
		catch (CompletionException ex) {
			close();
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
		finally {
			executor.shutdown();
		}
		log.info("Embedded PostgreSQL, Redis and Kafka started in {} ms", (System.nanoTime() - begin) / 1_000_000);
		return this;
	}

	@Override
	public Endpoints endpoints() {
		return new Endpoints("127.0.0.1", this.settings.postgresPort(), DATABASE, USERNAME, this.settings.password(),
				"127.0.0.1", this.settings.redisPort(), this.kafka.bootstrapServers());
	}

	@Override
	public String kind() {
		return "embedded";
	}

	/**
	 * Stops PostgreSQL (fast shutdown: open transactions roll back, clients are
	 * disconnected) and leaves it stopped; its data stays. For fault injection.
	 */
	public synchronized void stopPostgres() {
		this.postgres.close();
	}

	/** Starts PostgreSQL again on the same port and data, and waits until it answers. */
	public synchronized void startPostgres() {
		this.postgres.start();
	}

	/**
	 * Stops Redis (SIGTERM) and leaves it stopped. A durable Redis (local run) reloads
	 * its append-only file on start; a test Redis comes back empty.
	 */
	public synchronized void stopRedis() {
		this.redis.close();
	}

	/**
	 * Starts Redis again on the same port and folder, and waits until it answers PING.
	 */
	public synchronized void startRedis() {
		this.redis.start();
	}

	/**
	 * Shuts the in-process broker down (controlled shutdown) and leaves it stopped; its
	 * logs stay.
	 */
	public synchronized void stopKafka() {
		this.kafka.close();
	}

	/** Starts the broker again on the same ports and logs, and waits until it answers. */
	public synchronized void startKafka() {
		this.kafka.start();
	}

	/**
	 * The server child processes (PostgreSQL and Redis guards) that run now, for tests
	 * that check nothing is left behind.
	 */
	public List<ProcessHandle> processes() {
		return java.util.stream.Stream.of(this.postgres.processHandle(), this.redis.processHandle())
			.flatMap(java.util.Optional::stream)
			.toList();
	}

	/**
	 * PostgreSQL's guard process; the server and its backends are its descendants. For
	 * fault tests that pause the database (SIGSTOP) and resume it (SIGCONT).
	 * @throws IllegalStateException when PostgreSQL is stopped
	 */
	public ProcessHandle postgresProcess() {
		return this.postgres.processHandle().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
	}

	@Override
	public synchronized void close() {
		List<AutoCloseable> reversed = new ArrayList<>(this.started);
		java.util.Collections.reverse(reversed);
		for (AutoCloseable server : reversed) {
			try {
				server.close();
			}
			catch (Exception ex) {
				log.warn("Could not stop {} cleanly: {}", server.getClass().getSimpleName(), ex.toString());
			}
		}
		this.started.clear();
		if (this.settings.deleteOnClose()) {
			// PostgreSQL's data may live outside the folder (see
			// PostgresServer.reachableDataDirectory).
			deleteTree(PostgresServer.reachableDataDirectory(this.settings.directory().resolve("postgres")));
			deleteTree(this.settings.directory());
		}
	}

	private synchronized <T extends AutoCloseable> T track(T server) {
		this.started.add(server);
		return server;
	}

	private Path folder(String name) {
		return this.settings.directory().resolve(name);
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", root, ex.toString());
		}
	}

}
