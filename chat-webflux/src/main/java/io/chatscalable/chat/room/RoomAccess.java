package io.chatscalable.chat.room;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Who may see a room. A public room anyone may see and join. A private room (direct
 * conversations included) exists only for its members: to anyone else every path answers
 * as if there were no such room (404 ROOM_NOT_FOUND over REST, ROOM_NOT_FOUND error
 * frames over WebSocket), so that its id, name and existence do not leak. (A public
 * room's non-members get 403 NOT_A_MEMBER where membership is needed, since they may see
 * it and join it.)
 */
@Component
class RoomAccess {

	private final RoomRepository repository;

	RoomAccess(RoomRepository repository) {
		this.repository = repository;
	}

	/** The room when the user may see it; RoomNotFoundException otherwise. */
	Mono<RoomSummary> visible(RoomSummary room, long userId) {
		if (room.visibility() == RoomVisibility.PUBLIC) {
			return Mono.just(room);
		}
		return this.repository.findMembership(room.id(), userId)
			.map((membership) -> room)
			.switchIfEmpty(Mono.error(() -> new RoomNotFoundException(room.id())));
	}

	/** The refusal of a non-member: 404 for a private room, 403 for a public one. */
	static RuntimeException notMember(RoomSummary room) {
		return (room.visibility() == RoomVisibility.PUBLIC) ? new NotAMemberException(room.id())
				: new RoomNotFoundException(room.id());
	}

}
