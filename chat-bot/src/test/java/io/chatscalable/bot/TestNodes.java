package io.chatscalable.bot;

import java.nio.file.Path;
import java.util.Map;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.testing.NodeProcesses;

/**
 * The node settings the bot's integration tests share: chat-webflux's fat jar, a test JWT
 * secret, cheap password hashing, the per-address rate limits off for loopback (the
 * documented benchmark setting), and short timeouts so that a dead node's group
 * membership and outbox lock expire within a test.
 */
final class TestNodes {

	private static final String JWT_SECRET = "integration-test-secret-0123456789abcdef";

	private TestNodes() {
	}

	static NodeProcesses.Settings settings(Endpoints endpoints, String logFolder) {
		Path jar = Path.of(System.getProperty("chat.webflux.jar", "../chat-webflux/target/chat-webflux.jar"));
		return NodeProcesses.Settings.of(jar, Path.of("target", logFolder), endpoints)
			.withProperties(Map.of("chat.auth.jwt-secret", JWT_SECRET, "chat.auth.bcrypt-strength", "4",
					"chat.outbox.poll-interval", "50ms", "chat.kafka.session-timeout", "6s",
					"chat.redisson.lock-watchdog-timeout", "3s",
					// The benchmark setting (BENCHMARKS.md): the bot plays every user
					// from
					// this one address.
					"chat.rate-limits.exempt-addresses", "127.0.0.1"));
	}

}
