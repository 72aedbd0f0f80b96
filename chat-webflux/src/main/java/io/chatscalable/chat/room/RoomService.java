package io.chatscalable.chat.room;

import java.util.List;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.outbox.OutboxMessage;
import io.chatscalable.chat.outbox.OutboxWriter;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Rooms and memberships: the public face of the room feature. Writes are decided by
 * PostgreSQL alone; reads come from Redis when it can answer.
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
				.onErrorMap(DataIntegrityViolationException.class, (ex) -> new UnknownUserException());
		});
	}

	/** Rooms with an id above {@code after}, in id order. */
	public Mono<List<RoomSummary>> list(long after, int limit) {
		return this.cache.page(after, limit).switchIfEmpty(Mono.defer(() -> {
			triggerBackfillIfIncomplete();
			return this.repository.page(after, limit).collectList();
		}));
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
			.onErrorMap(DataIntegrityViolationException.class, (ex) -> new UnknownUserException());
	}

	/** Leaves the room; leaving a room one is not in changes nothing. */
	public Mono<Void> leave(AuthenticatedUser user, long roomId) {
		return requireRoom(roomId).then(this.repository.removeMember(roomId, user.id())).then();
	}

	/** Whether the user is a member, from PostgreSQL (this validates writes). */
	public Mono<Boolean> isMember(long roomId, long userId) {
		return this.repository.findMembership(roomId, userId).hasElement();
	}

	/**
	 * Fills the cache from PostgreSQL when it is not known to be complete (a new or
	 * flushed Redis).
	 */
	Mono<Void> backfillIfIncomplete() {
		return this.cache.isComplete()
			.filter((complete) -> !complete)
			.flatMap((missing) -> this.cache.backfill(this.repository::page));
	}

	private void triggerBackfillIfIncomplete() {
		// In the background: this request is already answered from PostgreSQL.
		backfillIfIncomplete().subscribe();
	}

	private Mono<RoomSummary> requireRoom(long roomId) {
		return this.repository.findById(roomId).switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)));
	}

	private static OutboxMessage created(RoomSummary room) {
		return new OutboxMessage(RoomCreated.AGGREGATE_TYPE, Long.toString(room.id()), RoomCreated.EVENT_TYPE,
				new RoomCreated(room.id(), room.name(), room.createdBy(), room.createdAt()));
	}

}
