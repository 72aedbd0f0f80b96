package io.chatscalable.chat.room;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.outbox.OutboxMessage;
import io.chatscalable.chat.outbox.OutboxWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Rooms and memberships: the public face of the room feature. Writes are decided by
 * PostgreSQL alone; reads come from Redis where it has the data.
 */
@Service
public class RoomService {

	private static final Logger log = LoggerFactory.getLogger(RoomService.class);

	/**
	 * Membership checks answered from the Redis projection because PostgreSQL did not.
	 */
	static final String FALLBACK_METRIC = "chat.rooms.membership.fallback";

	private final RoomRepository repository;

	private final RoomCache cache;

	private final OutboxWriter outbox;

	private final TransactionalOperator transaction;

	private final RoomProperties properties;

	private final Counter fallbacks;

	private final RoomAccess access;

	RoomService(RoomRepository repository, RoomCache cache, OutboxWriter outbox, TransactionalOperator transaction,
			RoomProperties properties, MeterRegistry meters, RoomAccess access) {
		this.access = access;
		this.repository = repository;
		this.cache = cache;
		this.outbox = outbox;
		this.transaction = transaction;
		this.properties = properties;
		this.fallbacks = Counter.builder(FALLBACK_METRIC)
			.description("Membership checks answered from the Redis projection because PostgreSQL did not answer")
			.register(meters);
	}

	/**
	 * Creates a room with its creator as first member, and the RoomCreated outbox row, in
	 * one transaction.
	 */
	public Mono<RoomSummary> create(AuthenticatedUser user, String rawName) {
		return create(user, rawName, RoomVisibility.PUBLIC);
	}

	/**
	 * Creates a public or private room; see {@link #create(AuthenticatedUser, String)}.
	 */
	public Mono<RoomSummary> create(AuthenticatedUser user, String rawName, RoomVisibility visibility) {
		return Mono.defer(() -> {
			RoomName name = RoomName.parse(rawName);
			Mono<RoomSummary> write = this.repository.insert(name.value(), user.id(), visibility, RoomKind.ROOM)
				.flatMap((room) -> this.repository.addMember(room.id(), user.id())
					.then(this.outbox.append(created(room)))
					.thenReturn(room));
			return this.transaction.transactional(write)
				.onErrorMap(ForeignKeyViolation::isUnknownUser, (ex) -> new UnknownUserException());
		});
	}

	/**
	 * Rooms with an id above {@code after} that the user may see (public ones, private
	 * ones the user is a member of), in id order. The page of ids comes from PostgreSQL,
	 * so a room is listed as soon as its transaction commits; the summaries come from
	 * Redis where cached, from PostgreSQL otherwise.
	 */
	public Mono<List<RoomSummary>> list(long userId, long after, int limit) {
		return this.repository.pageVisibleIds(userId, after, limit)
			.collectList()
			.flatMap((ids) -> this.cache.findAll(ids).flatMap((cached) -> complete(ids, cached)));
	}

	/** One room. */
	public Mono<RoomSummary> find(long roomId) {
		return this.cache.find(roomId)
			.switchIfEmpty(Mono.defer(() -> this.repository.findById(roomId)))
			.switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)));
	}

	/**
	 * One room, when the user may see it (RoomAccess); RoomNotFoundException otherwise.
	 */
	public Mono<RoomSummary> find(long userId, long roomId) {
		return find(roomId).flatMap((room) -> this.access.visible(room, userId));
	}

	/**
	 * Joins the room; joining again changes nothing. A private room only its members may
	 * "join" (a no-op); to others it does not exist. Checked against PostgreSQL, never
	 * the cache. When the join adds the membership, a MemberJoined outbox row is written
	 * in the same transaction; a repeated join writes none.
	 */
	public Mono<Membership> join(AuthenticatedUser user, long roomId) {
		Mono<Membership> write = requireRoom(roomId).flatMap((room) -> this.access.visible(room, user.id()))
			.then(this.repository.insertMember(roomId, user.id()))
			.flatMap((inserted) -> this.repository.findMembership(roomId, user.id())
				.flatMap((membership) -> inserted ? this.outbox.append(joined(membership, user)).thenReturn(membership)
						: Mono.just(membership)));
		return this.transaction.transactional(write)
			.onErrorMap(ForeignKeyViolation::isUnknownUser, (ex) -> new UnknownUserException());
	}

	/**
	 * Leaves the room; leaving a room one is not in changes nothing. When a membership is
	 * removed, a MemberLeft outbox row is written in the same transaction; every node's
	 * {@link RoomEventsFeed} then stops live delivery to the user's joined sockets.
	 */
	public Mono<Void> leave(AuthenticatedUser user, long roomId) {
		Mono<Long> write = requireRoom(roomId).then(this.repository.removeMember(roomId, user.id()))
			.flatMap((leftAt) -> this.outbox.append(new OutboxMessage(RoomCreated.AGGREGATE_TYPE, Long.toString(roomId),
					MemberLeft.EVENT_TYPE, new MemberLeft(roomId, user.id(), leftAt))));
		return this.transaction.transactional(write).then();
	}

	/**
	 * Completes when the room exists and the user is a member; otherwise
	 * {@link RoomNotFoundException} (also for a private room the user is not in),
	 * {@link NotAMemberException}, or {@link MembershipUnavailableException} when no
	 * source could answer. Used by socket joins.
	 * <p>
	 * PostgreSQL (the source of truth) answers first, within
	 * {@code chat.rooms.membership-check-timeout}. When it fails or is slow, the answer
	 * comes from the Redis projection ({@link RoomCacheProjector}): fail open on a
	 * projected membership, because refusing every join while PostgreSQL is down would
	 * stop chat that needs no database (messages go to Kafka). The price is the
	 * projection lag: a leave committed shortly before (not yet relayed by the outbox and
	 * consumed, typically well under a second) still reads as JOINED, and such a socket
	 * joins. A projected LEFT is a definite no. No projection at all (a membership older
	 * than the projection, a join not projected yet, Redis down too) fails closed with
	 * MembershipUnavailableException, retryable: an unknown user must not be let into a
	 * room on a guess.
	 */
	public Mono<Void> requireMember(long roomId, long userId) {
		Mono<Void> fromDatabase = this.repository.findById(roomId)
			.switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)))
			.flatMap((room) -> isMember(roomId, userId)
				.flatMap((member) -> member ? Mono.<Void>empty() : Mono.error(RoomAccess.notMember(room))))
			.timeout(this.properties.membershipCheckTimeout());
		return fromDatabase.onErrorResume(RoomService::isOutage, (ex) -> fromProjection(roomId, userId, ex));
	}

	/** Whether the user is a member, from PostgreSQL (this validates writes). */
	public Mono<Boolean> isMember(long roomId, long userId) {
		return this.repository.findMembership(roomId, userId).hasElement();
	}

	/** The page in id order: cached summaries, and the missing ones from PostgreSQL. */
	private Mono<List<RoomSummary>> complete(List<Long> ids, Map<Long, RoomSummary> cached) {
		List<Long> missing = ids.stream().filter((id) -> !cached.containsKey(id)).toList();
		if (missing.isEmpty()) {
			return Mono.just(ids.stream().map(cached::get).toList());
		}
		return this.repository.findAll(missing)
			.collectMap(RoomSummary::id)
			.map((loaded) -> ids.stream()
				.map((id) -> cached.containsKey(id) ? cached.get(id) : loaded.get(id))
				.filter(Objects::nonNull)
				.toList());
	}

	/**
	 * The projected membership. A JOINED membership implies the room (rooms are never
	 * deleted), so the room cache is not read: its absence could not prove the room does
	 * not exist anyway.
	 */
	private Mono<Void> fromProjection(long roomId, long userId, Throwable databaseFailure) {
		this.fallbacks.increment();
		log.debug("Membership check of room {} fell back to Redis: {}", roomId, databaseFailure.toString());
		return this.cache.findMember(roomId, userId)
			.switchIfEmpty(Mono.error(() -> new MembershipUnavailableException(roomId)))
			.flatMap((state) -> (state == RoomCache.MemberState.JOINED) ? Mono.<Void>empty()
					: Mono.error(new NotAMemberException(roomId)));
	}

	/** A failure of the database rather than an answer from it. */
	private static boolean isOutage(Throwable error) {
		return !(error instanceof RoomNotFoundException) && !(error instanceof NotAMemberException);
	}

	private Mono<RoomSummary> requireRoom(long roomId) {
		return this.repository.findById(roomId).switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)));
	}

	static OutboxMessage joined(Membership membership, AuthenticatedUser user) {
		return new OutboxMessage(RoomCreated.AGGREGATE_TYPE, Long.toString(membership.roomId()),
				MemberJoined.EVENT_TYPE,
				new MemberJoined(membership.roomId(), membership.userId(), user.username(), membership.joinedAt()));
	}

	private static OutboxMessage created(RoomSummary room) {
		return new OutboxMessage(RoomCreated.AGGREGATE_TYPE, Long.toString(room.id()), RoomCreated.EVENT_TYPE,
				RoomCreated.of(room, List.of(room.createdBy())));
	}

}
