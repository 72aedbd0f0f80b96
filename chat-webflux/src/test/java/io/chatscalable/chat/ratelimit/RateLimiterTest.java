package io.chatscalable.chat.ratelimit;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The fail-open rule: without Redis, this node's own count decides. */
class RateLimiterTest {

	@Test
	void whenRedisFailsTheNodeCountsAloneAndStillRefusesTheFlood() {
		RedisRateWindowScript down = new RedisRateWindowScript(null) {
			@Override
			Mono<Count> increment(String key, Duration window) {
				return Mono.error(new IllegalStateException("Redis is down"));
			}
		};
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		RateLimiter limiter = new RateLimiter(down, properties(), meters);

		for (int i = 0; i < 2; i++) {
			StepVerifier.create(limiter.acquire(Limit.ROOM_CREATIONS_PER_USER, "7")).verifyComplete();
		}
		StepVerifier.create(limiter.acquire(Limit.ROOM_CREATIONS_PER_USER, "7"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RateLimitExceededException.class)
				.extracting((ex) -> ((RateLimitExceededException) ex).retryAfterSeconds())
				.isEqualTo(60L))
			.verify();
		StepVerifier.create(limiter.acquire(Limit.ROOM_CREATIONS_PER_USER, "8")).verifyComplete();
		assertThat(meters.counter(RateLimiter.FALLBACK_METRIC).count()).isEqualTo(4.0);
	}

	@Test
	void exemptAddressesSkipThePerAddressLimitsOnly() {
		RedisRateWindowScript counting = new RedisRateWindowScript(null) {
			@Override
			Mono<Count> increment(String key, Duration window) {
				return Mono.just(new Count(1000, Duration.ofSeconds(5)));
			}
		};
		RateLimiter limiter = new RateLimiter(counting, properties(), new SimpleMeterRegistry());
		StepVerifier.create(limiter.acquire(Limit.LOGIN_PER_ADDRESS, "127.0.0.1")).verifyComplete();
		StepVerifier.create(limiter.acquire(Limit.LOGIN_PER_ADDRESS, "10.0.0.1"))
			.expectError(RateLimitExceededException.class)
			.verify();
		StepVerifier.create(limiter.acquire(Limit.HANDSHAKES_PER_USER, "127.0.0.1"))
			.expectError(RateLimitExceededException.class)
			.verify();
	}

	private static RateLimitProperties properties() {
		return new RateLimitProperties(true, Rate.parse("30/1m"), Rate.parse("10/1m"), Rate.parse("2/1m"),
				Rate.parse("60/1m"), Rate.parse("120/1m"), Rate.parse("30/1m"), Rate.parse("120/1m"), 10,
				List.of("127.0.0.1"), Duration.ofMillis(250), 1000);
	}

}
