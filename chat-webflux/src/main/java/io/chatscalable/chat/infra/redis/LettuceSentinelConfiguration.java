package io.chatscalable.chat.infra.redis;

import io.lettuce.core.ReadFrom;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Behind Sentinel, Lettuce follows a failover as soon as the sentinels announce it.
 * <p>
 * Without a {@code ReadFrom}, Spring Data Redis opens a plain connection to the master
 * the sentinels name, and asks again only when that connection drops. When a failover
 * demotes a running master, Sentinel closes its clients; a client that reconnects at once
 * may ask a sentinel that has not heard of the switch yet, land on the demoted master
 * again, and stay there, every write refused with {@code READONLY}. With a
 * {@code ReadFrom} ({@link ReadFrom#UPSTREAM}: the master only, as before), it connects
 * through Lettuce's master/replica client, which subscribes to the sentinels'
 * {@code +switch-master} and moves to the new master. An explicit
 * {@code spring.data.redis.lettuce.read-from} is left alone.
 */
@Configuration(proxyBeanMethods = false)
class LettuceSentinelConfiguration {

	@Bean
	LettuceClientConfigurationBuilderCustomizer followSentinelFailovers(DataRedisProperties redis) {
		boolean sentinel = redis.getSentinel() != null && redis.getSentinel().getMaster() != null;
		boolean readFromSet = redis.getLettuce().getReadFrom() != null;
		return (builder) -> {
			if (sentinel && !readFromSet) {
				builder.readFrom(ReadFrom.UPSTREAM);
			}
		};
	}

}
