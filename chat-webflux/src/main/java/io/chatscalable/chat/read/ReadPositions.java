package io.chatscalable.chat.read;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Last-read positions in Redis, ahead of PostgreSQL by at most one flush.
 * <p>
 * Keys (no TTL; one field per membership that was ever marked read):
 * <ul>
 * <li>{@code chat:read:room:{roomId}}: hash, user id -> last-read position (the members
 * list);</li>
 * <li>{@code chat:read:user:{userId}}: hash, room id -> last-read position (the room
 * list).</li>
 * </ul>
 * Both are written by one script, atomically, and only ever raised.
 */
@Component
public class ReadPositions {

	/** Reads give up after this and the caller uses PostgreSQL's value. */
	static final Duration TIMEOUT = Duration.ofMillis(250);

	private static final RedisScript<Long> RAISE = RedisScript.of("""
			local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
			local position = tonumber(ARGV[3])
			if position > current then
			  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
			  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
			  return position
			end
			return current
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	ReadPositions(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Raises the member's position (never lowers it); emits the stored maximum. */
	Mono<Long> raise(long roomId, long userId, long position) {
		return this.redis
			.execute(RAISE, List.of(roomKey(roomId), userKey(userId)),
					List.of(Long.toString(userId), Long.toString(roomId), Long.toString(position)))
			.next()
			.timeout(TIMEOUT);
	}

	/**
	 * The user's positions in these rooms as Redis has them (missing rooms absent); empty
	 * map when Redis fails (fail open: PostgreSQL's values are at most a flush behind).
	 */
	public Mono<Map<Long, Long>> ofUser(long userId, List<Long> roomIds) {
		if (roomIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> fields = roomIds.stream().map((id) -> Long.toString(id)).toList();
		return this.redis.<String, String>opsForHash().multiGet(userKey(userId), fields).map((values) -> {
			Map<Long, Long> positions = new HashMap<>();
			for (int i = 0; i < roomIds.size() && i < values.size(); i++) {
				if (values.get(i) != null) {
					positions.put(roomIds.get(i), Long.parseLong(values.get(i)));
				}
			}
			return positions;
		}).timeout(TIMEOUT).onErrorReturn(Map.of());
	}

	/** Every member's position in the room as Redis has it; empty map on failure. */
	public Mono<Map<Long, Long>> ofRoom(long roomId) {
		return this.redis.<String, String>opsForHash()
			.entries(roomKey(roomId))
			.collectMap((entry) -> Long.parseLong(entry.getKey()), (entry) -> Long.parseLong(entry.getValue()))
			.timeout(TIMEOUT)
			.onErrorReturn(Map.of());
	}

	static String roomKey(long roomId) {
		return "chat:read:room:" + roomId;
	}

	static String userKey(long userId) {
		return "chat:read:user:" + userId;
	}

}
