package io.chatscalable.infra.embedded;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.chatscalable.infra.Endpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the embedded servers the way the tests and the local run do, talks to each,
 * stops them, and checks that no process or port is left behind and that durable data
 * survives a restart.
 */
class EmbeddedInfrastructureIT {

	@Test
	void serversAnswerAndLeaveNothingBehind() throws Exception {
		EmbeddedInfrastructure.Settings settings = EmbeddedInfrastructure.Settings.forTests();
		List<ProcessHandle> processes;
		try (EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(settings).start()) {
			Endpoints endpoints = infrastructure.endpoints();
			processes = infrastructure.processes()
				.stream()
				.flatMap((p) -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
				.toList();

			assertThat(selectVersion(endpoints)).startsWith("PostgreSQL 18");
			assertThat(redisPing(endpoints)).isEqualTo("+PONG");
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()))) {
				assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
			}
		}
		assertThat(processes).isNotEmpty().noneMatch(ProcessHandle::isAlive);
		assertThat(List.of(settings.postgresPort(), settings.redisPort(), settings.kafkaPort(),
				settings.kafkaControllerPort()))
			.noneMatch(FreePorts::isListening);
		assertThat(settings.directory()).doesNotExist();
		assertThat(PostgresServer.reachableDataDirectory(settings.directory().resolve("postgres"))).doesNotExist();
	}

	@Test
	void durableDataSurvivesARestart() throws Exception {
		EmbeddedInfrastructure.Settings throwAway = EmbeddedInfrastructure.Settings.forTests();
		// Data kept across the restart must be where PostgreSQL (as nobody, when root)
		// can reach it.
		EmbeddedInfrastructure.Settings settings = new EmbeddedInfrastructure.Settings(throwAway.directory(),
				throwAway.postgresPort(), throwAway.redisPort(), throwAway.kafkaPort(), throwAway.kafkaControllerPort(),
				"secret", true, false);
		try (EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(settings).start()) {
			execute(infrastructure.endpoints(),
					"CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
		}
		EmbeddedInfrastructure.Settings cleanup = new EmbeddedInfrastructure.Settings(settings.directory(),
				settings.postgresPort(), settings.redisPort(), settings.kafkaPort(), settings.kafkaControllerPort(),
				"secret", true, true);
		try (EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(cleanup).start()) {
			assertThat(query(infrastructure.endpoints(), "SELECT value FROM kept")).isEqualTo("still here");
		}
	}

	@Test
	void eachServerStopsAndStartsAgainOnTheSamePortAndData() throws Exception {
		try (EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(
				EmbeddedInfrastructure.Settings.forTests())
			.start()) {
			Endpoints endpoints = infrastructure.endpoints();
			execute(endpoints, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");

			infrastructure.stopPostgres();
			assertThat(FreePorts.isListening(endpoints.postgresPort())).isFalse();
			infrastructure.startPostgres();
			assertThat(query(endpoints, "SELECT value FROM kept")).isEqualTo("still here");

			infrastructure.stopRedis();
			assertThat(FreePorts.isListening(endpoints.redisPort())).isFalse();
			infrastructure.startRedis();
			assertThat(redisPing(endpoints)).isEqualTo("+PONG");

			infrastructure.stopKafka();
			assertThat(FreePorts.isListening(Integer.parseInt(endpoints.kafkaBootstrapServers().split(":")[1])))
				.isFalse();
			infrastructure.startKafka();
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()))) {
				assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
			}
			assertThat(infrastructure.processes()).hasSize(2).allMatch(ProcessHandle::isAlive);
		}
	}

	private static String selectVersion(Endpoints endpoints) throws Exception {
		return query(endpoints, "SELECT version()");
	}

	private static String query(Endpoints endpoints, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(),
				endpoints.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static void execute(Endpoints endpoints, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(),
				endpoints.password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String redisPing(Endpoints endpoints) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(endpoints.redisHost(), endpoints.redisPort()), 1000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
		}
	}

}
