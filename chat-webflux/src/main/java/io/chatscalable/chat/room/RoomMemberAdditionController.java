package io.chatscalable.chat.room;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.user.UserService;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/rooms/{roomId}/members/{userId}}: a member adds a user to a room (the
 * way into a private room). See {@link RoomInvitations}.
 */
@RestController
class RoomMemberAdditionController {

	private final RoomInvitations invitations;

	private final UserService users;

	RoomMemberAdditionController(RoomInvitations invitations, UserService users) {
		this.invitations = invitations;
		this.users = users;
	}

	@PostMapping("/api/rooms/{roomId}/members/{userId}")
	Mono<Membership> add(@AuthenticationPrincipal Jwt jwt, @PathVariable long roomId, @PathVariable long userId) {
		return this.users.require(userId)
			.flatMap((added) -> this.invitations.add(AuthenticatedUser.of(jwt), roomId,
					new AuthenticatedUser(added.id(), added.username())));
	}

}
