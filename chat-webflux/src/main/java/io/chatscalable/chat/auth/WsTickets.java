package io.chatscalable.chat.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Single-use, short-lived tickets that let a browser open a WebSocket without putting its
 * login token in the URL.
 * <p>
 * A ticket is a JWS signed with a key derived from {@code chat.auth.jwt-secret}
 * (HMAC-SHA256 of the secret and a fixed label), so any node verifies a ticket any other
 * node issued, and a ticket never verifies as a login token (nor the reverse). Claims:
 * the login token's {@code sub} and {@code username}, {@code aud} "chat-ws", a random
 * {@code jti}, {@code exp} (issue + {@code chat.ws-tickets.ttl}, never past the login
 * token), and {@code token_exp}, the login token's expiry, at which the socket is closed
 * with 4002.
 * <p>
 * <b>Single use.</b> The first handshake that presents a ticket sets
 * {@code chat:ws-ticket:used:{jti}} in Redis (SET NX, expiring with the ticket); a second
 * one finds it and is refused. <b>Fail-open rule:</b> when Redis errs or does not answer
 * within {@code chat.ws-tickets.redis-timeout}, a ticket with a valid signature and
 * expiry is admitted unmarked (counted as {@code chat.ws-tickets.unmarked}): it names its
 * user, lives 30 s at most and is only ever sent by that user's client, so the replay
 * window is small, whereas refusing would keep every browser off every node while Redis
 * is down.
 */
@Component
public class WsTickets {

	private static final Logger log = LoggerFactory.getLogger(WsTickets.class);

	/** The audience of tickets; login tokens have none. */
	static final String AUDIENCE = "chat-ws";

	/** The claim holding the login token's expiry (epoch seconds). */
	static final String TOKEN_EXPIRY_CLAIM = "token_exp";

	/** The clock difference between nodes a ticket's expiry tolerates. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

	private static final String KEY_LABEL = "chat-scalable websocket ticket v1";

	private final JwtEncoder encoder;

	private final NimbusReactiveJwtDecoder decoder;

	private final ReactiveStringRedisTemplate redis;

	private final WsTicketProperties properties;

	private final AuthProperties auth;

	private final Clock clock = Clock.systemUTC();

	private final Counter unmarked;

	WsTickets(AuthProperties auth, WsTicketProperties properties, ReactiveStringRedisTemplate redis,
			MeterRegistry meters) {
		SecretKey key = derivedKey(auth.jwtSecret());
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
		this.decoder = NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
		// Tickets live seconds: the default 60 s clock skew would triple their life.
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(CLOCK_SKEW),
				new JwtIssuerValidator(auth.issuer()),
				new JwtClaimValidator<List<String>>("aud", (aud) -> aud != null && aud.contains(AUDIENCE))));
		this.redis = redis;
		this.properties = properties;
		this.auth = auth;
		this.unmarked = Counter.builder("chat.ws-tickets.unmarked").register(meters);
	}

	static String usedKey(String jti) {
		return "chat:ws-ticket:used:" + jti;
	}

	/** A ticket for the user of a verified login token. */
	public Ticket issue(Jwt login) {
		Instant now = this.clock.instant();
		Instant tokenExpiry = login.getExpiresAt();
		Instant expiresAt = now.plus(this.properties.ttl());
		if (tokenExpiry != null && tokenExpiry.isBefore(expiresAt)) {
			expiresAt = tokenExpiry;
		}
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.auth.issuer())
			.audience(List.of(AUDIENCE))
			.subject(login.getSubject())
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim(TokenService.USERNAME_CLAIM, login.getClaimAsString(TokenService.USERNAME_CLAIM));
		if (tokenExpiry != null) {
			claims.claim(TOKEN_EXPIRY_CLAIM, tokenExpiry.getEpochSecond());
		}
		String value = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
		return new Ticket(value, expiresAt);
	}

	/**
	 * The ticket's claims once verified and marked used; BadJwtException when forged,
	 * expired or used before.
	 */
	public Mono<Jwt> redeem(String ticket) {
		return this.decoder.decode(ticket).flatMap(this::markUsed);
	}

	private Mono<Jwt> markUsed(Jwt ticket) {
		String jti = ticket.getId();
		if (jti == null) {
			return Mono.error(new BadJwtException("The ticket has no id"));
		}
		Duration left = Duration.between(this.clock.instant(), ticket.getExpiresAt());
		// Kept a little past the expiry so that clock skew between nodes cannot reopen
		// it.
		Duration keep = (left.isNegative() ? Duration.ZERO : left).plusSeconds(5);
		return this.redis.opsForValue()
			.setIfAbsent(usedKey(jti), "1", keep)
			.timeout(this.properties.redisTimeout())
			.onErrorResume((error) -> {
				// Fail open (see the class comment): a signed, expiring, user-bound
				// ticket.
				this.unmarked.increment();
				log.warn("Ticket {} admitted without its single-use mark: Redis did not answer ({})", jti,
						error.toString());
				return Mono.just(Boolean.TRUE);
			})
			.flatMap((first) -> first ? Mono.just(ticket)
					: Mono.error(new BadJwtException("The ticket was used before")));
	}

	private static SecretKey derivedKey(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return new SecretKeySpec(mac.doFinal(KEY_LABEL.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * An issued ticket, as {@code POST /api/ws-tickets} answers it.
	 *
	 * @param ticket the value for {@code /ws?ticket=}
	 * @param expiresAt when it can no longer be used
	 */
	public record Ticket(String ticket, Instant expiresAt) {
	}

}
