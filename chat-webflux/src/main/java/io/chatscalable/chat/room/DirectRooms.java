package io.chatscalable.chat.room;

import java.util.List;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.outbox.OutboxMessage;
import io.chatscalable.chat.outbox.OutboxWriter;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Direct conversations: a private room of kind DIRECT between two users, found or created
 * by one call, the same room for both however often and concurrently they call.
 * <p>
 * Creation writes, in one transaction, the room (named after both users, lower id first),
 * both memberships, the pair's row in {@code direct_conversations} (the pair is its
 * primary key), a RoomCreated outbox row naming both users (so that only their sockets
 * get {@code room-created}) and a MemberJoined row for the other user (so that the
 * membership projection knows both). When a concurrent call created the pair's
 * conversation first, this transaction is rolled back and the existing room is answered.
 * A caller who left the conversation is made a member again.
 */
@Service
public class DirectRooms {

	private final RoomRepository repository;

	private final DirectRoomRepository directs;

	private final OutboxWriter outbox;

	private final TransactionalOperator transaction;

	DirectRooms(RoomRepository repository, DirectRoomRepository directs, OutboxWriter outbox,
			TransactionalOperator transaction) {
		this.repository = repository;
		this.directs = directs;
		this.outbox = outbox;
		this.transaction = transaction;
	}

	/** The direct conversation of {@code caller} and {@code other}, created if needed. */
	public Mono<RoomSummary> findOrCreate(AuthenticatedUser caller, AuthenticatedUser other) {
		if (caller.id() == other.id()) {
			return Mono.error(new InvalidDirectConversationException());
		}
		AuthenticatedUser low = (caller.id() < other.id()) ? caller : other;
		AuthenticatedUser high = (low == caller) ? other : caller;
		return this.directs.find(low.id(), high.id())
			.switchIfEmpty(Mono.defer(() -> create(caller, other, low, high)))
			.onErrorResume(CreatedConcurrently.class, (ex) -> Mono.just(ex.roomId))
			.flatMap((roomId) -> ensureMember(roomId, caller));
	}

	private Mono<Long> create(AuthenticatedUser caller, AuthenticatedUser other, AuthenticatedUser low,
			AuthenticatedUser high) {
		String name = name(low.username(), high.username());
		Mono<Long> write = this.repository.insert(name, caller.id(), RoomVisibility.PRIVATE, RoomKind.DIRECT)
			.flatMap((room) -> this.repository.addMember(room.id(), caller.id())
				.then(this.repository.addMember(room.id(), other.id()))
				.flatMap((otherMembership) -> this.directs.insertOrFind(low.id(), high.id(), room.id())
					.flatMap((roomId) -> (roomId != room.id())
							// Another call created the pair's room first: undo this one.
							? Mono.<Long>error(new CreatedConcurrently(roomId))
							: this.outbox.append(created(room, caller, other))
								.then(this.outbox.append(RoomService.joined(otherMembership, other)))
								.thenReturn(roomId))));
		return this.transaction.transactional(write);
	}

	/** The room, after making the caller a member again if they had left it. */
	private Mono<RoomSummary> ensureMember(long roomId, AuthenticatedUser caller) {
		Mono<RoomSummary> write = this.repository.insertMember(roomId, caller.id())
			.flatMap((inserted) -> inserted
					? this.repository.findMembership(roomId, caller.id())
						.flatMap((membership) -> this.outbox.append(RoomService.joined(membership, caller)))
					: Mono.empty())
			.then(this.repository.findById(roomId));
		return this.transaction.transactional(write);
	}

	/** "alice & bob", cut to a room name's length. */
	static String name(String low, String high) {
		String name = low + " & " + high;
		if (name.codePointCount(0, name.length()) <= RoomName.MAX_LENGTH) {
			return name;
		}
		return name.substring(0, name.offsetByCodePoints(0, RoomName.MAX_LENGTH));
	}

	private static OutboxMessage created(RoomSummary room, AuthenticatedUser caller, AuthenticatedUser other) {
		return new OutboxMessage(RoomCreated.AGGREGATE_TYPE, Long.toString(room.id()), RoomCreated.EVENT_TYPE,
				RoomCreated.of(room, List.of(caller.id(), other.id())));
	}

	/** Rolls back a creation that lost the race to a concurrent one. */
	private static final class CreatedConcurrently extends RuntimeException {

		private final long roomId;

		CreatedConcurrently(long roomId) {
			super(null, null, false, false);
			this.roomId = roomId;
		}

	}

}
