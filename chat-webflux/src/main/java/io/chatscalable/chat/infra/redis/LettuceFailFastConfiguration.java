package io.chatscalable.chat.infra.redis;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce rejects commands at once while disconnected instead of queueing them until the
 * command timeout.
 */
@Configuration(proxyBeanMethods = false)
class LettuceFailFastConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhenDisconnected() {
		// Fail fast: cache reads fall back to PostgreSQL at once, and the queue of a dead
		// connection cannot grow.
		return (builder) -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true);
	}

}
