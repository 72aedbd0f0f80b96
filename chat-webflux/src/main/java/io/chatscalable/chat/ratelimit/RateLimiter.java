package io.chatscalable.chat.ratelimit;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Counts requests against their {@link Limit}: the public face of rate limiting.
 * <p>
 * Cluster-wide: one fixed-window counter per limit and subject in Redis
 * ({@link RedisRateWindowScript}), so N nodes admit the rate once, not N times. A fixed
 * window admits up to twice the rate across a window boundary; that is accepted for flood
 * control.
 * <p>
 * <b>Fail-open rule.</b> When Redis errs or does not answer within
 * {@code chat.rate-limits.redis-timeout}, this node's own counter decides
 * ({@link LocalRateLimiter}, same rate): the cluster then admits at most the rate per
 * node. Refusing everything while Redis is down would stop logins and chat that need no
 * Redis; admitting without any count would let a flood through exactly when the cluster
 * is weakest.
 */
@Service
public class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	/** Refusals, tagged by limit. */
	static final String REFUSED_METRIC = "chat.ratelimit.refused";

	/** Checks decided by the node-local counter because Redis did not answer. */
	static final String FALLBACK_METRIC = "chat.ratelimit.fallback";

	private final RedisRateWindowScript redis;

	private final RateLimitProperties properties;

	private final LocalRateLimiter local;

	private final MeterRegistry meters;

	private final Counter fallbacks;

	RateLimiter(RedisRateWindowScript redis, RateLimitProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.properties = properties;
		this.local = new LocalRateLimiter(properties.localKeys());
		this.meters = meters;
		this.fallbacks = Counter.builder(FALLBACK_METRIC).register(meters);
	}

	/**
	 * Completes when {@code subject} (an address, a user id, a name) is within the limit;
	 * otherwise {@link RateLimitExceededException} with the time until its window ends.
	 */
	public Mono<Void> acquire(Limit limit, String subject) {
		if (!this.properties.enabled() || (limit.perAddress() && this.properties.exemptAddresses().contains(subject))) {
			return Mono.empty();
		}
		Rate rate = limit.rate(this.properties);
		String key = RedisRateWindowScript.key(limit, subject);
		return this.redis.increment(key, rate.window())
			.timeout(this.properties.redisTimeout())
			.map((count) -> (count.count() > rate.requests()) ? atLeastOneMilli(count.left()) : Duration.ZERO)
			.onErrorResume((error) -> Mono.fromSupplier(() -> locally(key, rate, error)))
			.flatMap((retryAfter) -> retryAfter.isZero() ? Mono.<Void>empty() : refuse(limit, retryAfter));
	}

	/** The node-local decision: Duration.ZERO to admit. */
	private Duration locally(String key, Rate rate, Throwable redisFailure) {
		this.fallbacks.increment();
		log.debug("Rate limit {} counted on this node: Redis did not answer ({})", key, redisFailure.toString());
		Duration retryAfter = this.local.acquire(key, rate, System.nanoTime());
		return (retryAfter != null) ? retryAfter : Duration.ZERO;
	}

	/** A refusal's wait is never zero: zero means admitted. */
	private static Duration atLeastOneMilli(Duration left) {
		return (left.toMillis() < 1) ? Duration.ofMillis(1) : left;
	}

	private Mono<Void> refuse(Limit limit, Duration retryAfter) {
		this.meters.counter(REFUSED_METRIC, "limit", limit.key()).increment();
		return Mono.error(new RateLimitExceededException(limit.key(), retryAfter));
	}

}
