package io.chatscalable.chat.infra.redis;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.config.Config;
import org.redisson.config.SentinelServersConfig;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Redisson client on the same Redis (single server or Sentinel) as Spring Data Redis,
 * from {@code spring.data.redis.*}.
 */
@Configuration(proxyBeanMethods = false)
class RedissonConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedissonClient redissonClient(DataRedisProperties redis, RedissonProperties properties) {
		Config config = new Config();
		config.setNettyThreads(properties.nettyThreads());
		config.setLockWatchdogTimeout(properties.lockWatchdogTimeout().toMillis());
		config.setPassword(redis.getPassword());
		DataRedisProperties.Sentinel sentinel = redis.getSentinel();
		if (sentinel != null && sentinel.getMaster() != null) {
			SentinelServersConfig servers = config.useSentinelServers()
				.setMasterName(sentinel.getMaster())
				.setDatabase(redis.getDatabase())
				.setMasterConnectionPoolSize(properties.connectionPoolSize())
				.setCheckSentinelsList(false);
			sentinel.getNodes().forEach((node) -> servers.addSentinelAddress(address(redis, node)));
			servers.setSentinelPassword(sentinel.getPassword());
		}
		else {
			config.useSingleServer()
				.setAddress(address(redis, redis.getHost() + ":" + redis.getPort()))
				.setDatabase(redis.getDatabase())
				.setConnectionPoolSize(properties.connectionPoolSize())
				.setConnectionMinimumIdleSize(1);
		}
		return Redisson.create(config);
	}

	@Bean
	RedissonReactiveClient redissonReactiveClient(RedissonClient client) {
		return client.reactive();
	}

	private static String address(DataRedisProperties redis, String hostAndPort) {
		boolean ssl = redis.getSsl() != null && redis.getSsl().isEnabled();
		return (ssl ? "rediss://" : "redis://") + hostAndPort;
	}

}
