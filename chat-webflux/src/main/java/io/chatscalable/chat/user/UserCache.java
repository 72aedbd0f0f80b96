package io.chatscalable.chat.user;

import java.util.Map;

import io.chatscalable.chat.infra.redis.CacheReads;
import io.chatscalable.chat.infra.redis.VersionedHashScript;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Users in Redis, written only by {@link UserCacheProjector} from UserSignedUp events,
 * read with a database fallback. No password hash is ever cached.
 * <p>
 * Keys:
 * <ul>
 * <li>{@code chat:user:{id}}: hash
 * {@code id, username, passwordProtected, createdAt, eventId}</li>
 * <li>{@code chat:user-name:{lower-case username}}: string, the user id</li>
 * </ul>
 */
@Component
class UserCache {

	private final ReactiveStringRedisTemplate redis;

	private final VersionedHashScript versionedHash;

	private final CacheReads reads;

	UserCache(ReactiveStringRedisTemplate redis, VersionedHashScript versionedHash, CacheReads reads) {
		this.redis = redis;
		this.versionedHash = versionedHash;
		this.reads = reads;
	}

	static String userKey(long id) {
		return "chat:user:" + id;
	}

	static String nameKey(String canonicalName) {
		return "chat:user-name:" + canonicalName;
	}

	/** Applies a signup; a redelivered one changes nothing. */
	Mono<Void> apply(long eventId, UserSignedUp event) {
		Map<String, String> fields = Map.of("id", Long.toString(event.userId()), "username", event.username(),
				"passwordProtected", Boolean.toString(event.passwordProtected()), "createdAt",
				event.createdAt().toString());
		return this.versionedHash.write(userKey(event.userId()), eventId, fields)
			.then(this.redis.opsForValue()
				.set(nameKey(new Username(event.username()).canonical()), Long.toString(event.userId())))
			.then();
	}

	/** The cached user of that name; empty when not cached or Redis fails. */
	Mono<CachedUser> findByName(Username username) {
		return this.reads.failOpen(this.redis.opsForValue()
			.get(nameKey(username.canonical()))
			.flatMap((id) -> this.redis.<String, String>opsForHash()
				.entries(userKey(Long.parseLong(id)))
				.collectMap(Map.Entry::getKey, Map.Entry::getValue))
			.filter((hash) -> hash.containsKey("id"))
			.map(CachedUser::of));
	}

	/** The cached user; empty when not cached or Redis fails. */
	Mono<CachedUser> findById(long id) {
		return this.reads.failOpen(this.redis.<String, String>opsForHash()
			.entries(userKey(id))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((hash) -> hash.containsKey("id"))
			.map(CachedUser::of));
	}

	/** What the cache knows of a user. */
	record CachedUser(long id, String username, boolean passwordProtected) {

		static CachedUser of(Map<String, String> hash) {
			return new CachedUser(Long.parseLong(hash.get("id")), hash.get("username"),
					Boolean.parseBoolean(hash.get("passwordProtected")));
		}

	}

}
