package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis with Sentinel on loopback, as the compose cluster runs it: a master, one replica
 * and three sentinels (quorum 2) watching master {@link #MASTER_NAME}. For tests that
 * point a node at the sentinels and fail the master over under traffic.
 * <p>
 * Sentinels are tuned for tests: a master is down after {@link #DOWN_AFTER} without an
 * answer, so a failover completes in a few seconds. Closing stops every process and
 * deletes the folder.
 */
public final class RedisSentinelGroup implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisSentinelGroup.class);

	/** The name the sentinels know the master by. */
	public static final String MASTER_NAME = "chat-master";

	private static final Duration DOWN_AFTER = Duration.ofSeconds(1);

	private static final Duration AWAIT = Duration.ofSeconds(60);

	private final Path directory;

	private final List<RedisServer> servers = new ArrayList<>();

	private final List<RedisServer> sentinels = new ArrayList<>();

	private final RedisClient client = RedisClient.create();

	private RedisSentinelGroup(Path directory) {
		this.directory = directory;
	}

	/**
	 * Starts a master, a replica of it and three sentinels on free loopback ports, and
	 * returns once the replica is in sync and every sentinel knows the replica and the
	 * two other sentinels (so that a failover can be agreed on).
	 */
	public static RedisSentinelGroup start() {
		Path directory;
		try {
			directory = Files.createTempDirectory("chat-sentinel-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		RedisSentinelGroup group = new RedisSentinelGroup(directory);
		try {
			group.startServers();
			return group;
		}
		catch (RuntimeException ex) {
			group.close();
			throw ex;
		}
	}

	/**
	 * The sentinels' addresses, {@code 127.0.0.1:port}, as a node's configuration lists
	 * them.
	 */
	public List<String> sentinelNodes() {
		return this.sentinels.stream().map((sentinel) -> "127.0.0.1:" + sentinel.port()).toList();
	}

	/** The port of the server the sentinels name as master now. */
	public int masterPort() {
		try (StatefulRedisSentinelConnection<String, String> sentinel = this.client
			.connectSentinel(RedisURI.create("127.0.0.1", this.sentinels.get(0).port()))) {
			SocketAddress address = sentinel.sync().getMasterAddrByName(MASTER_NAME);
			return ((InetSocketAddress) address).getPort();
		}
	}

	/**
	 * A plain connection to the server on {@code port} (the master or the replica), for
	 * tests that look at what a node wrote. The caller closes it.
	 */
	public StatefulRedisConnection<String, String> connect(int port) {
		return this.client.connect(RedisURI.create("127.0.0.1", port));
	}

	/**
	 * Stops the current master (SIGTERM: it exits at once and its connections drop) and
	 * waits until every sentinel names the replica as master and the replica answers as
	 * one. Returns the new master's port.
	 */
	public int killMasterAndAwaitFailover() {
		int old = masterPort();
		RedisServer master = this.servers.stream().filter((server) -> server.port() == old).findFirst().orElseThrow();
		long begin = System.nanoTime();
		log.info("Stopping the Redis master on port {}", old);
		master.close();
		await("a sentinel-agreed failover away from port " + old, () -> everySentinelNamesMasterOtherThan(old));
		int promoted = masterPort();
		await("the new master on port " + promoted + " to accept writes", () -> isWritableMaster(promoted));
		log.info("Redis failed over from port {} to {} in {} ms", old, promoted,
				(System.nanoTime() - begin) / 1_000_000);
		return promoted;
	}

	/**
	 * Starts a stopped server again (same port and folder) and waits until the sentinels
	 * have made it a replica of the current master and it is in sync.
	 */
	public void restartAsReplica(int port) {
		RedisServer server = this.servers.stream().filter((s) -> s.port() == port).findFirst().orElseThrow();
		server.start();
		await("port " + port + " back as a replica in sync", () -> isReplicaInSync(port) && sentinelsReady());
	}

	/**
	 * A planned failover ({@code SENTINEL FAILOVER}): the replica is promoted while the
	 * master still runs, and the sentinels demote the old master to a replica (closing
	 * its clients). Waits until every sentinel names the new master and it accepts
	 * writes; returns its port.
	 */
	public int failoverAndAwait() {
		int old = masterPort();
		try (StatefulRedisSentinelConnection<String, String> sentinel = this.client
			.connectSentinel(RedisURI.create("127.0.0.1", this.sentinels.get(0).port()))) {
			sentinel.sync().failover(MASTER_NAME);
		}
		await("a failover away from port " + old, () -> everySentinelNamesMasterOtherThan(old));
		int promoted = masterPort();
		await("the new master on port " + promoted + " to accept writes", () -> isWritableMaster(promoted));
		log.info("Redis failed over (SENTINEL FAILOVER) from port {} to {}", old, promoted);
		return promoted;
	}

	/** Stops every server and sentinel and deletes their folder. */
	@Override
	public void close() {
		List<RedisServer> all = new ArrayList<>(this.sentinels);
		all.addAll(this.servers);
		Collections.reverse(all);
		for (RedisServer server : all) {
			try {
				server.close();
			}
			catch (RuntimeException ex) {
				log.warn("Could not stop Redis on port {}: {}", server.port(), ex.toString());
			}
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		deleteTree(this.directory);
	}

	private void startServers() {
		int masterPort = FreePorts.next();
		this.servers.add(
				new RedisServer(new RedisServer.Settings(masterPort, this.directory.resolve("master"), false)).start());
		int replicaPort = FreePorts.next();
		this.servers.add(new RedisServer(new RedisServer.Settings(replicaPort, this.directory.resolve("replica"), false,
				List.of("replicaof 127.0.0.1 " + masterPort), false))
			.start());
		for (int i = 1; i <= 3; i++) {
			List<String> configuration = List.of("sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
					"sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
					"sentinel failover-timeout " + MASTER_NAME + " 10000",
					"sentinel parallel-syncs " + MASTER_NAME + " 1");
			this.sentinels.add(new RedisServer(new RedisServer.Settings(FreePorts.next(),
					this.directory.resolve("sentinel-" + i), false, configuration, true))
				.start());
		}
		await("the replica in sync and three sentinels that know it and each other", this::sentinelsReady);
		log.info("Redis Sentinel group ready: master 127.0.0.1:{}, replica 127.0.0.1:{}, sentinels {}", masterPort,
				replicaPort, sentinelNodes());
	}

	private boolean sentinelsReady() {
		for (RedisServer sentinel : this.sentinels) {
			try (StatefulRedisSentinelConnection<String, String> connection = this.client
				.connectSentinel(RedisURI.create("127.0.0.1", sentinel.port()))) {
				Map<String, String> master = connection.sync().master(MASTER_NAME);
				List<Map<String, String>> replicas = connection.sync().replicas(MASTER_NAME);
				boolean replicaInSync = replicas.stream()
					.anyMatch((replica) -> "ok".equals(replica.get("master-link-status"))
							&& !replica.getOrDefault("flags", "").contains("down"));
				if (!"2".equals(master.get("num-other-sentinels")) || !replicaInSync) {
					return false;
				}
			}
		}
		return true;
	}

	private boolean everySentinelNamesMasterOtherThan(int old) {
		for (RedisServer sentinel : this.sentinels) {
			try (StatefulRedisSentinelConnection<String, String> connection = this.client
				.connectSentinel(RedisURI.create("127.0.0.1", sentinel.port()))) {
				SocketAddress address = connection.sync().getMasterAddrByName(MASTER_NAME);
				if (((InetSocketAddress) address).getPort() == old) {
					return false;
				}
			}
		}
		return true;
	}

	private boolean isWritableMaster(int port) {
		try (StatefulRedisConnection<String, String> connection = connect(port)) {
			return connection.sync().info("replication").contains("role:master");
		}
	}

	private boolean isReplicaInSync(int port) {
		try (StatefulRedisConnection<String, String> connection = connect(port)) {
			String replication = connection.sync().info("replication");
			return replication.contains("role:slave") && replication.contains("master_link_status:up");
		}
	}

	private static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + AWAIT.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// Not answering yet (a server starting, a sentinel between states).
				last = ex;
			}
			Pause.briefly();
		}
		throw new IllegalStateException("Timed out after " + AWAIT + " waiting for " + what, last);
	}

	private static void deleteTree(Path root) {
		try (var paths = Files.walk(root)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", root, ex.toString());
		}
	}

}
