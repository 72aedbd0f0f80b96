package io.chatscalable.chat.presence;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Who is online, in Redis. Every node process has an instance id (its node id and a
 * random suffix, new at each start). Keys:
 * <ul>
 * <li>{@code chat:presence:user:{userId}}: sorted set, instance -> expiry (epoch ms) of
 * the instances where the user has a socket. Online = some unexpired member. The key
 * itself expires after twice the TTL without a heartbeat;</li>
 * <li>{@code chat:presence:node:{instance}}: hash, user id -> username, the users of that
 * instance (for the sweep after it died); deleted by the sweep;</li>
 * <li>{@code chat:presence:nodes}: sorted set, instance -> expiry: live instances.</li>
 * </ul>
 * Every change that can turn a user online or offline is one script, so exactly one
 * caller sees each transition and announces it.
 */
@Component
class PresenceStore {

	static final String NODES = "chat:presence:nodes";

	/** Adds this instance to the user; 1 if the user was offline everywhere before. */
	private static final RedisScript<Long> ONLINE = RedisScript.of("""
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
			local before = redis.call('ZCARD', KEYS[1])
			redis.call('ZADD', KEYS[1], ARGV[5], ARGV[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[6])
			redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
			if before == 0 then return 1 end
			return 0
			""", Long.class);

	/** Removes this instance from the user; 1 if that made the user offline. */
	private static final RedisScript<Long> OFFLINE = RedisScript.of("""
			local removed = redis.call('ZREM', KEYS[1], ARGV[1])
			redis.call('HDEL', KEYS[2], ARGV[2])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
			if removed == 1 and redis.call('ZCARD', KEYS[1]) == 0 then return 1 end
			return 0
			""", Long.class);

	/** Removes a dead instance from the user; 1 if that made the user offline. */
	private static final RedisScript<Long> EXPIRE = RedisScript.of("""
			local removed = redis.call('ZREM', KEYS[1], ARGV[1])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
			if removed == 1 and redis.call('ZCARD', KEYS[1]) == 0 then return 1 end
			return 0
			""", Long.class);

	/** Claims an expired instance for sweeping; 1 for exactly one caller. */
	private static final RedisScript<Long> CLAIM = RedisScript.of("""
			local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
			if expiry and tonumber(expiry) < tonumber(ARGV[2]) then
			  redis.call('ZREM', KEYS[1], ARGV[1])
			  return 1
			end
			return 0
			""", Long.class);

	private static final RedisScript<Long> REFRESH = RedisScript.of("""
			redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			return 1
			""", Long.class);

	/** Dead instances claimed per sweep; the rest wait for the next heartbeat. */
	private static final int SWEEP_BATCH = 16;

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	private final long ttlMillis;

	PresenceStore(ReactiveStringRedisTemplate redis, PresenceProperties properties) {
		this.redis = redis;
		this.clock = Clock.systemUTC();
		this.ttlMillis = properties.ttl().toMillis();
	}

	Mono<Boolean> online(String instance, long userId, String username) {
		long now = this.clock.millis();
		return run(ONLINE, List.of(userKey(userId), nodeKey(instance)), instance, Long.toString(userId),
				String.valueOf(username), Long.toString(now), Long.toString(now + this.ttlMillis),
				Long.toString(2 * this.ttlMillis));
	}

	Mono<Boolean> offline(String instance, long userId) {
		return run(OFFLINE, List.of(userKey(userId), nodeKey(instance)), instance, Long.toString(userId),
				Long.toString(this.clock.millis()));
	}

	/**
	 * Renews this instance; emits true when its entry was missing (first beat, or swept
	 * while Redis or this node stalled: its users must be announced again).
	 */
	Mono<Boolean> beat(String instance) {
		double expiry = this.clock.millis() + this.ttlMillis;
		return this.redis.opsForZSet().add(NODES, instance, expiry);
	}

	/** Renews one user's entry of this instance. */
	Mono<Void> refresh(String instance, long userId) {
		long now = this.clock.millis();
		return run(REFRESH, List.of(userKey(userId)), instance, Long.toString(now + this.ttlMillis),
				Long.toString(2 * this.ttlMillis))
			.then();
	}

	/** Expired instances, claimed for this caller (each by exactly one caller). */
	Flux<String> claimExpired() {
		long now = this.clock.millis();
		return this.redis.opsForZSet()
			.rangeByScore(NODES, Range.closed(Double.NEGATIVE_INFINITY, (double) now),
					org.springframework.data.redis.connection.Limit.limit().count(SWEEP_BATCH))
			.concatMap(
					(instance) -> run(CLAIM, List.of(NODES), instance, Long.toString(now)).filter(Boolean::booleanValue)
						.map((claimed) -> instance));
	}

	/** A dead instance's users: user id -> username. */
	Mono<Map<Long, String>> usersOf(String instance) {
		return this.redis.<String, String>opsForHash()
			.entries(nodeKey(instance))
			.collectMap((entry) -> Long.parseLong(entry.getKey()), Map.Entry::getValue);
	}

	/** Takes a dead instance from the user; true if the user is offline now. */
	Mono<Boolean> expire(String instance, long userId) {
		return run(EXPIRE, List.of(userKey(userId)), instance, Long.toString(this.clock.millis()));
	}

	Mono<Void> forget(String instance) {
		return this.redis.delete(nodeKey(instance)).then();
	}

	/** Whether the user has an unexpired entry on some instance. */
	Mono<Boolean> isOnline(long userId) {
		return this.redis.opsForZSet()
			.count(userKey(userId), Range.closed((double) this.clock.millis(), Double.POSITIVE_INFINITY))
			.map((count) -> count > 0);
	}

	private Mono<Boolean> run(RedisScript<Long> script, List<String> keys, String... args) {
		return this.redis.execute(script, keys, List.of(args)).next().map((result) -> result == 1L);
	}

	static String userKey(long userId) {
		return "chat:presence:user:" + userId;
	}

	static String nodeKey(String instance) {
		return "chat:presence:node:" + instance;
	}

}
