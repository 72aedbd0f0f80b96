package io.chatscalable.chat.auth;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/**
 * Issues the signed, expiring tokens that REST calls and WebSocket handshakes present.
 */
@Service
public class TokenService {

	/** The claim holding the username; the subject is the user id. */
	public static final String USERNAME_CLAIM = "username";

	private final JwtEncoder encoder;

	private final AuthProperties properties;

	private final Clock clock;

	TokenService(JwtEncoder encoder, AuthProperties properties) {
		this.encoder = encoder;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	/** A token for {@code userId}, valid for the configured time. */
	public IssuedToken issue(long userId, String username) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.tokenTtl());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.properties.issuer())
			.subject(Long.toString(userId))
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim(USERNAME_CLAIM, username)
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, expiresAt);
	}

	/**
	 * A signed token and when it expires.
	 *
	 * @param value the compact JWS
	 * @param expiresAt its expiry
	 */
	public record IssuedToken(String value, Instant expiresAt) {
	}

}
