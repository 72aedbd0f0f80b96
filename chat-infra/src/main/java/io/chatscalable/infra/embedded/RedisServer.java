package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis 6.2 server from the embedded-redis binary jar, listening on 127.0.0.1
 * only: a plain server, a replica, or a Sentinel (see {@link RedisSentinelGroup}).
 */
public final class RedisServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisServer.class);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STOP_GRACE = Duration.ofSeconds(15);

	private final Settings settings;

	private GuardedProcess process;

	/**
	 * How to run the server.
	 *
	 * @param port the TCP port on 127.0.0.1
	 * @param directory the folder for the append-only file and the log
	 * @param durable whether to keep data across restarts (append-only file, fsync every
	 * second)
	 * @param configuration lines of a configuration file written to {@code directory} on
	 * first start (a replica's {@code replicaof}, a sentinel's {@code sentinel monitor});
	 * kept across restarts, as Sentinel rewrites it with what it learns
	 * @param sentinel whether the server runs as a Sentinel
	 */
	public record Settings(int port, Path directory, boolean durable, List<String> configuration, boolean sentinel) {

		public Settings {
			configuration = List.copyOf(configuration);
		}

		/** A plain server. */
		public Settings(int port, Path directory, boolean durable) {
			this(port, directory, durable, List.of(), false);
		}

	}

	public RedisServer(Settings settings) {
		this.settings = settings;
	}

	/** Starts the server and waits until it answers PING. */
	public synchronized RedisServer start() {
		if (this.process != null) {
			throw new IllegalStateException("Redis already runs on port " + this.settings.port());
		}
		Path binary = BinaryCache.executable(binaryName(), "redis-" + binaryName());
		try {
			Files.createDirectories(this.settings.directory());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> command = new ArrayList<>(List.of(binary.toString()));
		if (!this.settings.configuration().isEmpty()) {
			command.add(configurationFile().toString());
		}
		if (this.settings.sentinel()) {
			command.add("--sentinel");
		}
		command.addAll(List.of("--port", Integer.toString(this.settings.port()), "--bind", "127.0.0.1",
				"--protected-mode", "yes", "--dir", this.settings.directory().toString(), "--daemonize", "no"));
		// A sentinel keeps no data; a server keeps it in an append-only file when
		// durable.
		if (!this.settings.sentinel()) {
			command.addAll(List.of("--save", ""));
			command.addAll(this.settings.durable() ? List.of("--appendonly", "yes", "--appendfsync", "everysec")
					: List.of("--appendonly", "no"));
		}
		// Redis saves (when configured) and exits on SIGTERM.
		this.process = GuardedProcess.start(this.settings.sentinel() ? "redis-sentinel" : "redis", command, "TERM",
				this.settings.directory().resolve("redis.log"), Map.of());
		awaitPong();
		log.info("Redis{} ready on 127.0.0.1:{}", this.settings.sentinel() ? " Sentinel" : "", this.settings.port());
		return this;
	}

	/** The TCP port on 127.0.0.1. */
	public int port() {
		return this.settings.port();
	}

	private Path configurationFile() {
		Path file = this.settings.directory().resolve(this.settings.sentinel() ? "sentinel.conf" : "redis.conf");
		try {
			if (!Files.exists(file)) {
				Files.write(file, this.settings.configuration(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
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

	private void awaitPong() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Redis exited while starting:\n" + this.process.logTail());
			}
			if (answersPing()) {
				return;
			}
			Pause.briefly();
		}
		throw new IllegalStateException(
				"Redis did not answer PING within " + START_TIMEOUT + ":\n" + this.process.logTail());
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.settings.port()), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String binaryName() {
		Platform.requireLinux("Redis");
		return Platform.isArm64() ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
	}

}
