package io.chatscalable.chat.room;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chatscalable.chat.infra.redis.CacheReads;
import io.chatscalable.chat.infra.redis.VersionedHashScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Room summaries in Redis, written by {@link RoomCacheProjector} from RoomCreated events
 * and once back-filled from PostgreSQL, read with a database fallback.
 * <p>
 * Keys:
 * <ul>
 * <li>{@code chat:room:{id}}: hash {@code id, name, createdBy, createdAt, eventId}</li>
 * <li>{@code chat:rooms}: sorted set of room ids (score = id), the listing index</li>
 * <li>{@code chat:rooms:complete}: present once every room in PostgreSQL was back-filled;
 * without it (a new or flushed Redis) listings come from PostgreSQL until a back-fill
 * completes</li>
 * </ul>
 * A room is listed from Redis once its event was consumed, typically within a second of
 * its creation.
 */
@Component
class RoomCache {

	private static final Logger log = LoggerFactory.getLogger(RoomCache.class);

	static final String INDEX_KEY = "chat:rooms";

	static final String COMPLETE_KEY = "chat:rooms:complete";

	/** Back-fill page size: bounds the memory a back-fill holds. */
	private static final int BACKFILL_PAGE = 500;

	/** Concurrent hash reads of one listing page. */
	private static final int READ_CONCURRENCY = 16;

	private final ReactiveStringRedisTemplate redis;

	private final VersionedHashScript versionedHash;

	private final CacheReads reads;

	private final AtomicBoolean backfilling = new AtomicBoolean();

	RoomCache(ReactiveStringRedisTemplate redis, VersionedHashScript versionedHash, CacheReads reads) {
		this.redis = redis;
		this.versionedHash = versionedHash;
		this.reads = reads;
	}

	static String roomKey(long id) {
		return "chat:room:" + id;
	}

	/**
	 * Applies an event (or, with event id 0, a back-filled row); a redelivered event
	 * changes nothing.
	 */
	Mono<Void> apply(long eventId, RoomSummary room) {
		Map<String, String> fields = Map.of("id", Long.toString(room.id()), "name", room.name(), "createdBy",
				Long.toString(room.createdBy()), "createdAt", room.createdAt().toString());
		return this.versionedHash.write(roomKey(room.id()), eventId, fields)
			.then(this.redis.opsForZSet().add(INDEX_KEY, Long.toString(room.id()), room.id()))
			.then();
	}

	/** The cached room; empty when not cached or Redis fails. */
	Mono<RoomSummary> find(long id) {
		return this.reads.failOpen(read(id));
	}

	/**
	 * A listing page from Redis: an answer (maybe an empty list) when the cache is
	 * complete, empty when it cannot answer (incomplete, a hash missing, or Redis
	 * failing).
	 */
	Mono<List<RoomSummary>> page(long after, int limit) {
		Mono<List<RoomSummary>> page = this.redis.hasKey(COMPLETE_KEY).flatMap((complete) -> {
			if (!complete) {
				return Mono.empty();
			}
			return this.redis.opsForZSet()
				.rangeByScore(INDEX_KEY, Range.leftOpen((double) after, Double.POSITIVE_INFINITY),
						Limit.limit().count(limit))
				.flatMapSequential((id) -> read(Long.parseLong(id)).switchIfEmpty(Mono.error(new MissingEntry())),
						READ_CONCURRENCY)
				.collectList();
		});
		return this.reads.failOpen(page);
	}

	/** Whether the listing index is complete. */
	Mono<Boolean> isComplete() {
		return this.reads.failOpen(this.redis.hasKey(COMPLETE_KEY)).defaultIfEmpty(false);
	}

	/**
	 * Copies every room from {@code source} into the cache, then marks it complete. One
	 * back-fill at a time per node; several nodes doing it at once is harmless (event id
	 * 0 never overwrites an event's write).
	 */
	Mono<Void> backfill(java.util.function.BiFunction<Long, Integer, Flux<RoomSummary>> source) {
		if (!this.backfilling.compareAndSet(false, true)) {
			return Mono.empty();
		}
		return Mono.just(0L)
			.expand((after) -> (after < 0) ? Mono.empty()
					: source.apply(after, BACKFILL_PAGE)
						.concatMap((room) -> apply(0, room).thenReturn(room.id()))
						.reduce(-1L, Math::max)
						.filter((last) -> last >= 0))
			.then(this.redis.opsForValue().set(COMPLETE_KEY, Instant.now().toString()))
			.doOnSuccess((ignored) -> log.info("Room cache back-filled from PostgreSQL"))
			.doOnError((error) -> log.warn("Room cache back-fill failed: {}", error.toString()))
			.onErrorResume((error) -> Mono.empty())
			.doFinally((signal) -> this.backfilling.set(false))
			.then();
	}

	private Mono<RoomSummary> read(long id) {
		return this.redis.<String, String>opsForHash()
			.entries(roomKey(id))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.filter((hash) -> hash.containsKey("id"))
			.map((hash) -> new RoomSummary(Long.parseLong(hash.get("id")), hash.get("name"),
					Long.parseLong(hash.get("createdBy")), Instant.parse(hash.get("createdAt"))));
	}

	/** A listed id whose hash is gone: the page is answered from the database instead. */
	private static final class MissingEntry extends RuntimeException {

		MissingEntry() {
			super("Room hash missing", null, false, false);
		}

	}

}
