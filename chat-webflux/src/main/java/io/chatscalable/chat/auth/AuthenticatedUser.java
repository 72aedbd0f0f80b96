package io.chatscalable.chat.auth;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The user a verified token names. The server, never a request body or frame, decides who
 * acts.
 *
 * @param id the user id
 * @param username the username at token issue
 */
public record AuthenticatedUser(long id, String username) {

	/** The user of a verified token. */
	public static AuthenticatedUser of(Jwt jwt) {
		return new AuthenticatedUser(Long.parseLong(jwt.getSubject()),
				jwt.getClaimAsString(TokenService.USERNAME_CLAIM));
	}

}
