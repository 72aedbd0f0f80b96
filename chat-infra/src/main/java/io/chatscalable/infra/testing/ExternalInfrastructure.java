package io.chatscalable.infra.testing;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.Infrastructure;

/**
 * Servers of the user's own, named by environment variables. Nothing is started or
 * stopped; the tests still reset state between classes, so point these at throw-away
 * servers.
 */
final class ExternalInfrastructure implements Infrastructure {

	private final Endpoints endpoints;

	ExternalInfrastructure(Map<String, String> environment) {
		URI postgres = URI.create(required(environment, "CHAT_TEST_POSTGRES_URL").replaceFirst("^jdbc:", ""));
		URI redis = URI.create(environment.getOrDefault("CHAT_TEST_REDIS_URL", "redis://127.0.0.1:6379"));
		this.endpoints = new Endpoints(postgres.getHost(), postgres.getPort(), postgres.getPath().substring(1),
				environment.getOrDefault("CHAT_TEST_POSTGRES_USER", "chat"),
				environment.getOrDefault("CHAT_TEST_POSTGRES_PASSWORD", "chat"), redis.getHost(), redis.getPort(),
				environment.getOrDefault("CHAT_TEST_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
	}

	private static String required(Map<String, String> environment, String name) {
		return Objects.requireNonNull(environment.get(name), () -> "CHAT_TEST_INFRA=external needs " + name);
	}

	@Override
	public Endpoints endpoints() {
		return this.endpoints;
	}

	@Override
	public String kind() {
		return "external";
	}

	@Override
	public void close() {
		// Not ours to stop.
	}

}
