package io.chatscalable.infra.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.chatscalable.infra.Endpoints;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListGroupsOptions;

/**
 * Empties the servers between test classes: every application table (the migration
 * history stays), every Redis key, every Kafka topic that is not internal.
 */
final class StateReset {

	private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

	private StateReset() {
	}

	static void resetAll(Endpoints endpoints) {
		resetPostgres(endpoints);
		resetRedis(endpoints);
		resetKafka(endpoints);
	}

	private static void resetPostgres(Endpoints endpoints) {
		try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.username(),
				endpoints.password()); Statement statement = connection.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
					+ " AND tablename NOT LIKE 'flyway%'")) {
				while (rows.next()) {
					tables.add('"' + rows.getString(1) + '"');
				}
			}
			if (!tables.isEmpty()) {
				statement.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not reset PostgreSQL", ex);
		}
	}

	private static void resetRedis(Endpoints endpoints) {
		RedisClient client = RedisClient.create(RedisURI.create(endpoints.redisHost(), endpoints.redisPort()));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().flushall();
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static void resetKafka(Endpoints endpoints) {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()))) {
			Set<String> topics = admin.listTopics().names().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (!topics.isEmpty()) {
				admin.deleteTopics(topics).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups())
				.all()
				.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.stream()
				.map((group) -> group.groupId())
				.toList();
			for (var deletion : admin.deleteConsumerGroups(groups).deletedGroups().values()) {
				try {
					deletion.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (ExecutionException ex) {
					// A group whose member still runs (a context another class left open)
					// cannot be
					// deleted; its committed offsets point into topics deleted above, so
					// it is harmless.
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while resetting Kafka", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not reset Kafka", ex);
		}
	}

}
