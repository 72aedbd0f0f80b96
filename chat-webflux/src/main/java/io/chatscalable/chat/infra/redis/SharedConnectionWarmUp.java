package io.chatscalable.chat.infra.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Opens Lettuce's shared reactive connection at start-up, on the main thread. Otherwise
 * the first Redis command opens it, under the factory's lock, on whatever thread it runs:
 * often an event loop, which must not wait for a TCP connect. A node whose Redis is down
 * at start-up still starts (Redis only caches and de-duplicates); the connection is then
 * opened on first use.
 */
@Component
class SharedConnectionWarmUp implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(SharedConnectionWarmUp.class);

	private final LettuceConnectionFactory factory;

	SharedConnectionWarmUp(LettuceConnectionFactory factory) {
		this.factory = factory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			this.factory.start();
			// Releases only this handle; the shared connection stays open.
			ReactiveRedisConnectionFactory reactive = this.factory;
			reactive.getReactiveConnection().closeLater().subscribe();
		}
		catch (RuntimeException ex) {
			log.warn("Redis is not reachable at start-up; continuing without it for now: {}", ex.toString());
		}
	}

}
