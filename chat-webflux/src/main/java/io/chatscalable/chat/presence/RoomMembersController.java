package io.chatscalable.chat.presence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.read.ReadPositions;
import io.chatscalable.chat.room.NotAMemberException;
import io.chatscalable.chat.room.RoomNotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rooms/{id}/members}: the room's members (the first 1,000 by join time)
 * with their last-read position and whether they are online. Members only.
 */
@RestController
class RoomMembersController {

	/** Presence reads in flight per request (pipelined on one Redis connection). */
	private static final int CONCURRENCY = 32;

	private final PresenceRepository repository;

	private final PresenceStore presence;

	private final ReadPositions reads;

	RoomMembersController(PresenceRepository repository, PresenceStore presence, ReadPositions reads) {
		this.repository = repository;
		this.presence = presence;
		this.reads = reads;
	}

	@GetMapping("/api/rooms/{roomId}/members")
	Mono<Members> members(@AuthenticationPrincipal Jwt jwt, @PathVariable long roomId) {
		long caller = AuthenticatedUser.of(jwt).id();
		return this.repository.isMember(roomId, caller)
			.switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)))
			.flatMap((member) -> member ? Mono.zip(this.repository.members(roomId), this.reads.ofRoom(roomId))
					: Mono.error(new NotAMemberException(roomId)))
			.flatMap((both) -> withPresence(both.getT1(), both.getT2()))
			.map(Members::new);
	}

	private Mono<List<MemberView>> withPresence(List<PresenceRepository.Member> members, Map<Long, Long> reads) {
		return Flux.fromIterable(members)
			.flatMapSequential(
					(member) -> online(member.userId())
						.map((online) -> new MemberView(member.userId(), member.username(), member.joinedAt(),
								Math.max(member.lastReadPosition(), reads.getOrDefault(member.userId(), -1L)), online)),
					CONCURRENCY)
			.collectList();
	}

	/** Fail open: a member whose presence Redis cannot tell is shown offline. */
	private Mono<Boolean> online(long userId) {
		return this.presence.isOnline(userId).timeout(java.time.Duration.ofMillis(250)).onErrorReturn(false);
	}

	/**
	 * @param members the members, the earliest joined first
	 */
	record Members(List<MemberView> members) {
	}

	record MemberView(long userId, String username, Instant joinedAt, long lastReadPosition, boolean online) {
	}

}
