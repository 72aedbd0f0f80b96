package io.chatscalable.chat.user;

import java.util.Locale;

import io.chatscalable.chat.ratelimit.Limit;
import io.chatscalable.chat.ratelimit.RateLimiter;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/login}: signs up an unknown username, logs in a known one. Logins
 * per client address are limited before this runs (RateLimitWebFilter); logins per name
 * are limited here, before any password is hashed.
 */
@RestController
class LoginController {

	/** Longer than any valid username, so the cut never merges two valid names. */
	private static final int MAX_KEY = 64;

	private final UserService users;

	private final RateLimiter limiter;

	LoginController(UserService users, RateLimiter limiter) {
		this.users = users;
		this.limiter = limiter;
	}

	@PostMapping("/api/auth/login")
	Mono<UserService.LoginResult> login(@RequestBody LoginRequest request) {
		// Usernames are unique regardless of case, so guesses at "Alice" and "alice"
		// share
		// one count. A missing name is refused by the login itself.
		Mono<Void> perName = (request.username() != null)
				? this.limiter.acquire(Limit.LOGIN_PER_NAME, nameKey(request.username())) : Mono.empty();
		return perName.then(Mono.defer(() -> this.users.login(request.username(), request.password())));
	}

	/** The counted name: lower case, cut to a valid name's length (longer is refused). */
	private static String nameKey(String username) {
		String name = username.trim().toLowerCase(Locale.ROOT);
		return (name.length() > MAX_KEY) ? name.substring(0, MAX_KEY) : name;
	}

	/**
	 * The login body.
	 *
	 * @param username required
	 * @param password optional; see {@link UserService#login}
	 */
	record LoginRequest(String username, String password) {
	}

}
