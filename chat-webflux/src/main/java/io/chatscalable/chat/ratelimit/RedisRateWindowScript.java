package io.chatscalable.chat.ratelimit;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * One fixed-window counter in Redis, counted and read in one atomic step.
 * <p>
 * Key: {@code chat:rate:{limit}:{subject}}, a string counter that expires with its window
 * (PEXPIRE set by the request that opened it). The script answers
 * {@code [count, milliseconds left]}.
 */
@Component
class RedisRateWindowScript {

	private static final RedisScript<List> SCRIPT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			local ttl = redis.call('PTTL', KEYS[1])
			if count == 1 or ttl < 0 then
			  redis.call('PEXPIRE', KEYS[1], ARGV[1])
			  ttl = tonumber(ARGV[1])
			end
			return {count, ttl}
			""", List.class);

	private final ReactiveStringRedisTemplate redis;

	RedisRateWindowScript(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	static String key(Limit limit, String subject) {
		return "chat:rate:" + limit.key() + ":" + subject;
	}

	/** Counts one request; the window's count so far and the time left in it. */
	Mono<Count> increment(String key, Duration window) {
		return this.redis.execute(SCRIPT, List.of(key), List.of(Long.toString(window.toMillis())))
			.next()
			.map((answer) -> new Count(((Number) answer.get(0)).longValue(),
					Duration.ofMillis(((Number) answer.get(1)).longValue())));
	}

	record Count(long count, Duration left) {
	}

}
