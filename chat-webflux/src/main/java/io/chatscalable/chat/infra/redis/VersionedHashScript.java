package io.chatscalable.chat.infra.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes a hash only if the event carrying it is newer than the one that wrote it last
 * (field {@code eventId}), so a redelivered or late event changes nothing. Atomic in
 * Redis; one round trip.
 */
@Component
public class VersionedHashScript {

	private static final RedisScript<Long> SCRIPT = RedisScript.of("""
			local current = redis.call('HGET', KEYS[1], 'eventId')
			if current and tonumber(ARGV[1]) <= tonumber(current) then
			  return 0
			end
			redis.call('HSET', KEYS[1], 'eventId', ARGV[1], unpack(ARGV, 2))
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	VersionedHashScript(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Writes {@code fields} to {@code key} unless an event at or above {@code eventId}
	 * already did; emits whether it wrote.
	 */
	public Mono<Boolean> write(String key, long eventId, Map<String, String> fields) {
		List<String> args = new ArrayList<>(1 + 2 * fields.size());
		args.add(Long.toString(eventId));
		fields.forEach((field, value) -> {
			args.add(field);
			args.add(value);
		});
		return this.redis.execute(SCRIPT, List.of(key), args).next().map((written) -> written == 1L);
	}

}
