package io.chatscalable.chat.user;

import java.util.List;

import io.chatscalable.chat.auth.AuthenticatedUser;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/users?prefix=al&limit=10}: the users whose name starts with the prefix
 * (case-insensitive), by name, without the caller. How a user finds whom to add to a room
 * or to write to directly. Limited per user (chat.rate-limits.user-searches-per-user).
 */
@RestController
class UserSearchController {

	private final UserService users;

	UserSearchController(UserService users) {
		this.users = users;
	}

	@GetMapping("/api/users")
	Mono<UserPage> search(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String prefix,
			@RequestParam(defaultValue = "10") int limit) {
		return Mono.fromCallable(() -> UserQuery.of(prefix, limit))
			.flatMap((query) -> this.users.search(query, AuthenticatedUser.of(jwt).id()).collectList())
			.map(UserPage::new);
	}

	/**
	 * The answer.
	 *
	 * @param users the matches, by name
	 */
	record UserPage(List<UserSummary> users) {
	}

}
