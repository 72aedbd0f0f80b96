package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 18 server from the zonky binaries, listening on 127.0.0.1 only, with
 * password authentication. As root it runs as {@code nobody} (see
 * {@link UnprivilegedUser}).
 */
public final class PostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	private static final String VERSION = "18.6.0";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final Settings settings;

	private final Path dataDirectory;

	private GuardedProcess process;

	/**
	 * How to run the server.
	 *
	 * @param port the TCP port on 127.0.0.1
	 * @param directory the folder for data and log; reused when it already holds a
	 * cluster
	 * @param database the database to create
	 * @param username the superuser
	 * @param password the superuser's password
	 * @param durable whether to fsync (off for throw-away test data: much faster, unsafe
	 * on power loss)
	 */
	public record Settings(int port, Path directory, String database, String username, String password,
			boolean durable) {

		@Override
		public String toString() {
			return "Settings[port=" + this.port + ", directory=" + this.directory + ", database=" + this.database
					+ ", username=" + this.username + ", durable=" + this.durable + "]";
		}

	}

	public PostgresServer(Settings settings) {
		this.settings = settings;
		this.dataDirectory = reachableDataDirectory(settings.directory());
	}

	/**
	 * Initialises the cluster if needed, starts the server and waits until the database
	 * accepts connections.
	 */
	public synchronized PostgresServer start() {
		if (this.process != null) {
			throw new IllegalStateException("PostgreSQL already runs on port " + this.settings.port());
		}
		Platform.requireLinux("PostgreSQL");
		Path install = BinaryCache.unpackedArchive(archiveName(), "postgres-" + VERSION + "-" + archiveName());
		try {
			Files.createDirectories(this.settings.directory());
			if (!Files.exists(this.dataDirectory.resolve("PG_VERSION"))) {
				initdb(install);
			}
			List<String> command = new ArrayList<>(UnprivilegedUser.commandPrefix());
			command.addAll(List.of(install.resolve("bin/postgres").toString(), "-D", this.dataDirectory.toString(),
					"-p", Integer.toString(this.settings.port()), "-c", "listen_addresses=127.0.0.1", "-c",
					"unix_socket_directories=", "-c", "max_connections=300", "-c",
					"fsync=" + (this.settings.durable() ? "on" : "off"), "-c",
					"full_page_writes=" + (this.settings.durable() ? "on" : "off")));
			// PostgreSQL's fast shutdown: roll back open transactions, disconnect
			// clients, stop.
			this.process = GuardedProcess.start("postgres", command, "INT", logFile(), environment());
			awaitReady();
			createDatabase();
			log.info("PostgreSQL {} ready on 127.0.0.1:{} (data in {})", VERSION, this.settings.port(),
					this.dataDirectory);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL", ex);
		}
	}

	/** The data folder actually used (see {@link #reachableDataDirectory(Path)}). */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * The server's guard process while it runs, for tests that check nothing is left
	 * behind.
	 */
	public synchronized java.util.Optional<ProcessHandle> processHandle() {
		return java.util.Optional.ofNullable(this.process).map(GuardedProcess::handle);
	}

	/** Stops the server and waits for it; it may be started again. */
	@Override
	public synchronized void close() {
		if (this.process != null) {
			this.process.stop(STOP_GRACE);
			this.process = null;
		}
	}

	private void initdb(Path install) throws IOException {
		Files.createDirectories(this.dataDirectory);
		Files.setPosixFilePermissions(this.dataDirectory, PosixFilePermissions.fromString("rwx------"));
		Path passwordFile = this.dataDirectory.resolveSibling(this.dataDirectory.getFileName() + ".pw");
		Files.writeString(passwordFile, this.settings.password() + "\n", StandardCharsets.UTF_8);
		UnprivilegedUser.own(this.dataDirectory);
		UnprivilegedUser.own(passwordFile);
		List<String> command = new ArrayList<>(UnprivilegedUser.commandPrefix());
		command.addAll(List.of(install.resolve("bin/initdb").toString(), "-D", this.dataDirectory.toString(), "-U",
				this.settings.username(), "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C",
				"--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "--no-sync"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
		builder.environment().putAll(environment());
		try {
			Process initdb = builder.start();
			if (!initdb.waitFor(2, TimeUnit.MINUTES) || initdb.exitValue() != 0) {
				initdb.destroyForcibly();
				throw new IllegalStateException("initdb failed; see " + logFile());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running initdb", ex);
		}
		finally {
			Files.deleteIfExists(passwordFile);
		}
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("PostgreSQL exited while starting:\n" + this.process.logTail());
			}
			try (Connection connection = connect("postgres")) {
				return;
			}
			catch (SQLException ex) {
				last = ex;
				Pause.briefly();
			}
		}
		throw new IllegalStateException(
				"PostgreSQL did not accept connections within " + START_TIMEOUT + ":\n" + this.process.logTail(), last);
	}

	private void createDatabase() {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			try (ResultSet existing = statement
				.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + this.settings.database() + "'")) {
				if (existing.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE \"" + this.settings.database() + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + this.settings.database(), ex);
		}
	}

	private Connection connect(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.settings.port() + "/" + database,
				this.settings.username(), this.settings.password());
	}

	private Path logFile() {
		return this.settings.directory().resolve("postgres.log");
	}

	private static Map<String, String> environment() {
		return Map.of("LC_ALL", "C", "LANG", "C", "TZ", "UTC");
	}

	private static String archiveName() {
		return Platform.isArm64() ? "postgres-linux-arm_64.txz" : "postgres-linux-x86_64.txz";
	}

	/**
	 * The server runs as {@code nobody} when we are root, and {@code nobody} cannot enter
	 * a checkout under, say, {@code /root}. Then the data goes to a folder of its own
	 * under {@code /var/tmp}, named after the requested one so that it survives restarts
	 * just the same.
	 */
	public static Path reachableDataDirectory(Path directory) {
		Path requested = directory.toAbsolutePath().normalize().resolve("pgdata");
		if (UnprivilegedUser.canReach(requested)) {
			return requested;
		}
		String key = Integer.toHexString(requested.toString().hashCode());
		Path fallback = Path.of("/var/tmp/chat-scalable-postgres", key, "pgdata");
		log.info("The nobody account cannot reach {}; PostgreSQL keeps its data in {} instead", requested, fallback);
		try {
			Files.createDirectories(fallback.getParent());
			Files.setPosixFilePermissions(fallback.getParent().getParent(),
					PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.setPosixFilePermissions(fallback.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + fallback.getParent(), ex);
		}
		return fallback;
	}

}
