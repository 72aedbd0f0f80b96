package io.chatscalable.chat.direct;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.room.DirectRooms;
import io.chatscalable.chat.room.RoomSummary;
import io.chatscalable.chat.user.UserService;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/direct/{userId}}: the caller's direct conversation with that user,
 * found or created (200 with the room, kind DIRECT). 404 USER_NOT_FOUND for an unknown
 * user, 400 INVALID_DIRECT_CONVERSATION for oneself.
 */
@RestController
class DirectController {

	private final DirectRooms directs;

	private final UserService users;

	DirectController(DirectRooms directs, UserService users) {
		this.directs = directs;
		this.users = users;
	}

	@PostMapping("/api/direct/{userId}")
	Mono<RoomSummary> findOrCreate(@AuthenticationPrincipal Jwt jwt, @PathVariable long userId) {
		return this.users.require(userId)
			.flatMap((other) -> this.directs.findOrCreate(AuthenticatedUser.of(jwt),
					new AuthenticatedUser(other.id(), other.username())));
	}

}
