package io.chatscalable.chat.user;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/login}: signs up an unknown username, logs in a known one. */
@RestController
class LoginController {

	private final UserService users;

	LoginController(UserService users) {
		this.users = users;
	}

	@PostMapping("/api/auth/login")
	Mono<UserService.LoginResult> login(@RequestBody LoginRequest request) {
		return this.users.login(request.username(), request.password());
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
