package io.chatscalable.chat.room;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.infra.redis.CacheReads;
import io.chatscalable.chat.infra.redis.VersionedHashScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Room summaries and memberships in Redis, written only by {@link RoomCacheProjector}
 * from room events, read with a database fallback (summaries) or as the fallback of the
 * database (memberships, see {@link RoomService#requireMember}).
 * <p>
 * Keys:
 * <ul>
 * <li>{@code chat:room:{id}}: hash
 * {@code id, name, createdBy, createdAt, visibility, kind, eventId};</li>
 * <li>{@code chat:room-member:{roomId}:{userId}}: hash {@code state} ({@code JOINED} or
 * {@code LEFT}), {@code at} (when it became so), {@code eventId}. A leave keeps the key
 * with {@code LEFT}: the tombstone holds the eventId that makes an older, redelivered
 * MemberJoined change nothing. One key per (room, user) pair that ever joined, no
 * TTL.</li>
 * </ul>
 */
@Component
class RoomCache {

	/**
	 * Concurrent hash reads of one listing page: enough to pipeline a page over one
	 * connection.
	 */
	private static final int READ_CONCURRENCY = 16;

	private final ReactiveStringRedisTemplate redis;

	private final VersionedHashScript versionedHash;

	private final CacheReads reads;

	RoomCache(ReactiveStringRedisTemplate redis, VersionedHashScript versionedHash, CacheReads reads) {
		this.redis = redis;
		this.versionedHash = versionedHash;
		this.reads = reads;
	}

	static String roomKey(long id) {
		return "chat:room:" + id;
	}

	static String memberKey(long roomId, long userId) {
		return "chat:room-member:" + roomId + ":" + userId;
	}

	/** Applies an event; a redelivered or older one changes nothing. */
	Mono<Void> apply(long eventId, RoomSummary room) {
		Map<String, String> fields = Map.of("id", Long.toString(room.id()), "name", room.name(), "createdBy",
				Long.toString(room.createdBy()), "createdAt", room.createdAt().toString(), "visibility",
				room.visibility().name(), "kind", room.kind().name());
		return this.versionedHash.write(roomKey(room.id()), eventId, fields).then();
	}

	/**
	 * Applies a membership event ({@code joined}: JOINED, else LEFT); a redelivered or
	 * older one changes nothing.
	 */
	Mono<Void> applyMember(long eventId, long roomId, long userId, boolean joined, Instant at) {
		Map<String, String> fields = Map.of("state", (joined ? MemberState.JOINED : MemberState.LEFT).name(), "at",
				at.toString());
		return this.versionedHash.write(memberKey(roomId, userId), eventId, fields).then();
	}

	/**
	 * The projected membership; empty when never projected, or when Redis fails or is
	 * slow (250 ms).
	 */
	Mono<MemberState> findMember(long roomId, long userId) {
		Mono<MemberState> read = this.redis.<String, String>opsForHash()
			.get(memberKey(roomId, userId), "state")
			.map(MemberState::valueOf);
		return this.reads.failOpen(read);
	}

	/** The cached room; empty when not cached or Redis fails. */
	Mono<RoomSummary> find(long id) {
		return this.reads.failOpen(read(id));
	}

	/** The cached rooms among {@code ids}, by id; an empty map when Redis fails. */
	Mono<Map<Long, RoomSummary>> findAll(List<Long> ids) {
		Mono<Map<Long, RoomSummary>> found = Flux.fromIterable(ids)
			.flatMap(this::read, READ_CONCURRENCY)
			.collectMap(RoomSummary::id);
		return this.reads.failOpen(found).defaultIfEmpty(Map.of());
	}

	/** A projected membership's state. */
	enum MemberState {

		JOINED, LEFT

	}

	private Mono<RoomSummary> read(long id) {
		return this.redis.<String, String>opsForHash()
			.entries(roomKey(id))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((hash) -> hash.containsKey("id"))
			.map((hash) -> new RoomSummary(Long.parseLong(hash.get("id")), hash.get("name"),
					Long.parseLong(hash.get("createdBy")), Instant.parse(hash.get("createdAt")),
					enumOrNull(RoomVisibility.class, hash.get("visibility")),
					enumOrNull(RoomKind.class, hash.get("kind"))));
	}

	/**
	 * Entries cached before rooms had a visibility lack these fields: the defaults apply.
	 */
	private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
		return (value != null) ? Enum.valueOf(type, value) : null;
	}

}
