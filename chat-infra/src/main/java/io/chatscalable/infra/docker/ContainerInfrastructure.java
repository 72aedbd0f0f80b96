package io.chatscalable.infra.docker;

import java.util.stream.Stream;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.Infrastructure;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL 17, Redis 7 and Kafka 4 in Docker containers, pinned by tag, for machines
 * that have a Docker engine.
 */
public final class ContainerInfrastructure implements Infrastructure {

	static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17.6-alpine");

	static final DockerImageName REDIS_IMAGE = DockerImageName.parse("redis:7.4.6-alpine");

	static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.1");

	private static final int REDIS_PORT = 6379;

	private final PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("chat")
		.withUsername("chat")
		.withPassword("chat-test");

	private final GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(REDIS_PORT);

	private final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);

	/**
	 * Whether a Docker engine answers (asks Docker only when a socket or DOCKER_HOST
	 * suggests one).
	 */
	public static boolean isDockerAvailable() {
		boolean hinted = System.getenv("DOCKER_HOST") != null
				|| java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
		return hinted && DockerClientFactory.instance().isDockerAvailable();
	}

	/** Starts the three containers in parallel. */
	public ContainerInfrastructure start() {
		Stream.<Startable>of(this.postgres, this.redis, this.kafka).parallel().forEach(Startable::start);
		return this;
	}

	@Override
	public Endpoints endpoints() {
		return new Endpoints(this.postgres.getHost(), this.postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
				this.postgres.getDatabaseName(), this.postgres.getUsername(), this.postgres.getPassword(),
				this.redis.getHost(), this.redis.getMappedPort(REDIS_PORT), this.kafka.getBootstrapServers());
	}

	@Override
	public String kind() {
		return "testcontainers";
	}

	@Override
	public void close() {
		Stream.<Startable>of(this.kafka, this.redis, this.postgres).forEach(Startable::stop);
	}

}
