package io.chatscalable.chat.room;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.outbox.OutboxWriter;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Members adding members: the only way into a private room. Any member of a room may add
 * a user to it (to a public room too, as a convenience); nobody can be added to a direct
 * conversation.
 */
@Service
public class RoomInvitations {

	private final RoomRepository repository;

	private final RoomAccess access;

	private final OutboxWriter outbox;

	private final TransactionalOperator transaction;

	RoomInvitations(RoomRepository repository, RoomAccess access, OutboxWriter outbox,
			TransactionalOperator transaction) {
		this.repository = repository;
		this.access = access;
		this.outbox = outbox;
		this.transaction = transaction;
	}

	/**
	 * Adds {@code added} to the room as {@code actor}, who must be a member (otherwise
	 * 404 for a private room, 403 NOT_A_MEMBER for a public one); adding a member again
	 * changes nothing. A new membership writes a MemberJoined outbox row in the same
	 * transaction.
	 */
	public Mono<Membership> add(AuthenticatedUser actor, long roomId, AuthenticatedUser added) {
		Mono<Membership> write = this.repository.findById(roomId)
			.switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)))
			.flatMap((room) -> this.repository.findMembership(roomId, actor.id())
				.switchIfEmpty(Mono.error(() -> RoomAccess.notMember(room)))
				.thenReturn(room))
			.flatMap((room) -> (room.kind() == RoomKind.DIRECT)
					? Mono.<Boolean>error(new DirectConversationClosedException(roomId))
					: this.repository.insertMember(roomId, added.id()))
			.flatMap((inserted) -> this.repository.findMembership(roomId, added.id())
				.flatMap((membership) -> inserted
						? this.outbox.append(RoomService.joined(membership, added)).thenReturn(membership)
						: Mono.just(membership)));
		return this.transaction.transactional(write);
	}

}
