package io.chatscalable.chat.infra.redis;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.RedissonReactiveClient;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SubscriptionMode;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Redisson client on the same Redis (single server or Sentinel) as Spring Data Redis,
 * from {@code spring.data.redis.*}. With {@code spring.data.redis.sentinel.master} and
 * {@code .nodes} set (env {@code SPRING_DATA_REDIS_SENTINEL_MASTER},
 * {@code SPRING_DATA_REDIS_SENTINEL_NODES}), both clients ask the sentinels for the
 * master, follow a failover to the new master, and read and write the master only.
 */
@Configuration(proxyBeanMethods = false)
class RedissonConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedissonClient redissonClient(DataRedisProperties redis, RedissonProperties properties) {
		Config config = new Config();
		config.setNettyThreads(properties.nettyThreads());
		config.setLockWatchdogTimeout(properties.lockWatchdogTimeout().toMillis());
		config.setPassword(redis.getPassword());
		// Lock commands do not wait for replicas to confirm (Redisson's default WAITs,
		// and
		// fails them when no replica answers, as during a failover with one replica): the
		// outbox lock only picks a drainer, and a second drainer is harmless (duplicates
		// are tolerated downstream).
		config.setCheckLockSyncedSlaves(false);
		DataRedisProperties.Sentinel sentinel = redis.getSentinel();
		if (sentinel != null && sentinel.getMaster() != null) {
			// The outbox lock is checked (isHeldByThread) as well as taken: both must see
			// the
			// master, or a node could drain on a lag-stale answer from a replica.
			SentinelServersConfig servers = config.useSentinelServers()
				.setMasterName(sentinel.getMaster())
				.setDatabase(redis.getDatabase())
				.setReadMode(ReadMode.MASTER)
				.setSubscriptionMode(SubscriptionMode.MASTER)
				.setMasterConnectionPoolSize(properties.connectionPoolSize())
				.setMasterConnectionMinimumIdleSize(1)
				.setSlaveConnectionPoolSize(1)
				.setSlaveConnectionMinimumIdleSize(0)
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
