package io.chatscalable.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the PostgreSQL, Redis and Kafka servers of one environment answer, and the Spring
 * properties that point a chat node at them.
 *
 * @param postgresHost PostgreSQL host
 * @param postgresPort PostgreSQL port
 * @param database database name
 * @param username database user
 * @param password database password
 * @param redisHost Redis host
 * @param redisPort Redis port
 * @param kafkaBootstrapServers Kafka bootstrap servers, {@code host:port[,host:port]}
 */
public record Endpoints(String postgresHost, int postgresPort, String database, String username, String password,
		String redisHost, int redisPort, String kafkaBootstrapServers) {

	/** JDBC URL of the database (used by Flyway and by test state resets). */
	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.postgresHost + ":" + this.postgresPort + "/" + this.database;
	}

	/** R2DBC URL of the database (used by the application). */
	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + this.postgresHost + ":" + this.postgresPort + "/" + this.database;
	}

	/** The properties a chat-webflux node needs to use these servers. */
	public Map<String, String> springProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", r2dbcUrl());
		properties.put("spring.r2dbc.username", this.username);
		properties.put("spring.r2dbc.password", this.password);
		properties.put("spring.flyway.url", jdbcUrl());
		properties.put("spring.flyway.user", this.username);
		properties.put("spring.flyway.password", this.password);
		properties.put("spring.data.redis.host", this.redisHost);
		properties.put("spring.data.redis.port", Integer.toString(this.redisPort));
		properties.put("chat.kafka.bootstrap-servers", this.kafkaBootstrapServers);
		return properties;
	}

	@Override
	public String toString() {
		return "Endpoints[postgres=" + jdbcUrl() + ", redis=" + this.redisHost + ":" + this.redisPort + ", kafka="
				+ this.kafkaBootstrapServers + "]";
	}

}
