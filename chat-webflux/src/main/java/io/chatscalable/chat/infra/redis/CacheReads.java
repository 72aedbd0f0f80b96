package io.chatscalable.chat.infra.redis;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Cache reads that fail open: a Redis that is slow or down answers "not cached" within a
 * short time, and the caller reads PostgreSQL instead. Correct either way, since Redis
 * never holds anything PostgreSQL does not.
 */
@Component
public class CacheReads {

	private static final Logger log = LoggerFactory.getLogger(CacheReads.class);

	/**
	 * A cache read slower than this is abandoned for the database: a healthy Redis
	 * answers in well under 1 ms.
	 */
	static final Duration READ_TIMEOUT = Duration.ofMillis(250);

	private final Counter failures;

	CacheReads(MeterRegistry meters) {
		this.failures = Counter.builder("chat.cache.read.failures")
			.description("Redis cache reads that failed and fell back to PostgreSQL")
			.register(meters);
	}

	/** {@code read}, or empty when Redis fails or is slow. */
	public <T> Mono<T> failOpen(Mono<T> read) {
		return read.timeout(READ_TIMEOUT).onErrorResume((error) -> {
			this.failures.increment();
			log.debug("Cache read failed, falling back to the database: {}", error.toString());
			return Mono.empty();
		});
	}

}
