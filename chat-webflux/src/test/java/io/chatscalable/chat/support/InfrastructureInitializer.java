package io.chatscalable.chat.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chatscalable.infra.testing.TestInfrastructure;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application context at the test JVM's servers, with a test signing secret.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Shared by every node of a test, as by every node of a cluster. */
	public static final String TEST_JWT_SECRET = "integration-test-secret-0123456789abcdef";

	/** The properties that point a node at the test JVM's servers. */
	public static Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.endpoints().springProperties());
		properties.put("chat.auth.jwt-secret", TEST_JWT_SECRET);
		// Fast hashing: the tests check behaviour, not BCrypt's cost.
		properties.put("chat.auth.bcrypt-strength", "4");
		properties.put("chat.outbox.poll-interval", "50ms");
		properties.put("chat.outbox.first-backoff", "200ms");
		properties.put("chat.outbox.max-backoff", "1s");
		properties.put("chat.kafka.session-timeout", "6s");
		properties.put("chat.redisson.lock-watchdog-timeout", "3s");
		// The actuator's own server, on a free port (local.management.port).
		properties.put("management.server.port", "0");
		// The tests log in and connect many users from one address in a burst; the limits
		// have their own tests (RateLimitIT), which turn them on.
		properties.put("chat.rate-limits.enabled", "false");
		return properties;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test-infrastructure", properties()));
	}

}
