package io.chatscalable.chat.auth;

import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The user a verified token names. The server, never a request body or frame, decides who
 * acts.
 *
 * @param id the user id
 * @param username the username at token issue
 */
public record AuthenticatedUser(long id, String username) {

	/** The user of a verified token (a login token or a WebSocket ticket). */
	public static AuthenticatedUser of(Jwt jwt) {
		return new AuthenticatedUser(Long.parseLong(jwt.getSubject()),
				jwt.getClaimAsString(TokenService.USERNAME_CLAIM));
	}

	/**
	 * When the login behind a verified token expires: its own expiry for a login token,
	 * the login token's for a WebSocket ticket. Null when it never does.
	 */
	public static Instant loginExpiry(Jwt jwt) {
		Object tokenExpiry = jwt.getClaims().get(WsTickets.TOKEN_EXPIRY_CLAIM);
		if (tokenExpiry instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		if (tokenExpiry instanceof Instant instant) {
			return instant;
		}
		return jwt.getExpiresAt();
	}

}
