package io.chatscalable.chat.room;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.outbox.OutboxMessage;
import io.chatscalable.chat.outbox.OutboxWriter;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Rooms and memberships: the public face of the room feature. Writes are decided by
 * PostgreSQL alone; reads come from Redis where it has the data.
 */
@Service
public class RoomService {

	private final RoomRepository repository;

	private final RoomCache cache;

	private final OutboxWriter outbox;

	private final TransactionalOperator transaction;

	RoomService(RoomRepository repository, RoomCache cache, OutboxWriter outbox, TransactionalOperator transaction) {
		this.repository = repository;
		this.cache = cache;
		this.outbox = outbox;
		this.transaction = transaction;
	}

	/**
	 * Creates a room with its creator as first member, and the RoomCreated outbox row, in
	 * one transaction.
	 */
	public Mono<RoomSummary> create(AuthenticatedUser user, String rawName) {
		return Mono.defer(() -> {
			RoomName name = RoomName.parse(rawName);
			Mono<RoomSummary> write = this.repository.insert(name, user.id())
				.flatMap((room) -> this.repository.addMember(room.id(), user.id())
					.then(this.outbox.append(created(room)))
					.thenReturn(room));
			return this.transaction.transactional(write)
				.onErrorMap(ForeignKeyViolation::isUnknownUser, (ex) -> new UnknownUserException());
		});
	}

	/**
	 * Rooms with an id above {@code after}, in id order. The page of ids comes from
	 * PostgreSQL (an index-only scan), so a room is listed as soon as its transaction
	 * commits; the summaries come from Redis where cached, from PostgreSQL otherwise.
	 */
	public Mono<List<RoomSummary>> list(long after, int limit) {
		return this.repository.pageIds(after, limit)
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
	 * Joins the room; joining again changes nothing. Checked against PostgreSQL, never
	 * the cache.
	 */
	public Mono<Membership> join(AuthenticatedUser user, long roomId) {
		return requireRoom(roomId).then(this.repository.addMember(roomId, user.id()))
			.onErrorMap(ForeignKeyViolation::isUnknownUser, (ex) -> new UnknownUserException());
	}

	/** Leaves the room; leaving a room one is not in changes nothing. */
	public Mono<Void> leave(AuthenticatedUser user, long roomId) {
		return requireRoom(roomId).then(this.repository.removeMember(roomId, user.id())).then();
	}

	/**
	 * Completes when the room exists and the user is a member (from PostgreSQL);
	 * otherwise {@link RoomNotFoundException} or {@link NotAMemberException}.
	 */
	public Mono<Void> requireMember(long roomId, long userId) {
		return this.repository.findById(roomId)
			.switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)))
			.then(isMember(roomId, userId))
			.flatMap((member) -> member ? Mono.<Void>empty() : Mono.error(new NotAMemberException(roomId)));
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

	private Mono<RoomSummary> requireRoom(long roomId) {
		return this.repository.findById(roomId).switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)));
	}

	private static OutboxMessage created(RoomSummary room) {
		return new OutboxMessage(RoomCreated.AGGREGATE_TYPE, Long.toString(room.id()), RoomCreated.EVENT_TYPE,
				new RoomCreated(room.id(), room.name(), room.createdBy(), room.createdAt()));
	}

}
