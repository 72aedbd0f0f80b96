package io.chatscalable.chat.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ReactiveValueOperations;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Tickets without a Redis server: the single-use mark decides (SET NX), and when Redis
 * fails the fail-open rule admits a valid ticket, counted.
 */
class WsTicketsTest {

	private static final AuthProperties AUTH = new AuthProperties("unit-test-secret-0123456789abcdef-0123",
			Duration.ofHours(1), "chat-scalable", 4, 16);

	@SuppressWarnings("unchecked")
	private final ReactiveValueOperations<String, String> values = mock(ReactiveValueOperations.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final WsTickets tickets;

	WsTicketsTest() {
		ReactiveStringRedisTemplate redis = mock(ReactiveStringRedisTemplate.class);
		when(redis.opsForValue()).thenReturn(this.values);
		this.tickets = new WsTickets(AUTH, new WsTicketProperties(Duration.ofSeconds(30), Duration.ofMillis(250)),
				redis, this.meters);
	}

	@Test
	void aTicketCarriesItsUserAndLoginExpiryAndOpensOnce() {
		Instant loginExpiry = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		WsTickets.Ticket ticket = this.tickets.issue(login(loginExpiry));
		when(this.values.setIfAbsent(anyString(), eq("1"), any(Duration.class))).thenReturn(Mono.just(true),
				Mono.just(false));

		StepVerifier.create(this.tickets.redeem(ticket.ticket())).assertNext((jwt) -> {
			assertThat(AuthenticatedUser.of(jwt)).isEqualTo(new AuthenticatedUser(42, "alice"));
			assertThat(AuthenticatedUser.loginExpiry(jwt)).isEqualTo(loginExpiry);
		}).verifyComplete();
		StepVerifier.create(this.tickets.redeem(ticket.ticket())).expectError(BadJwtException.class).verify();
		assertThat(ticket.expiresAt()).isBefore(Instant.now().plusSeconds(31));
	}

	@Test
	void withoutRedisAValidTicketIsAdmittedUnmarkedAndCounted() {
		WsTickets.Ticket ticket = this.tickets.issue(login(Instant.now().plusSeconds(600)));
		when(this.values.setIfAbsent(anyString(), eq("1"), any(Duration.class)))
			.thenReturn(Mono.error(new IllegalStateException("Redis is down")));

		StepVerifier.create(this.tickets.redeem(ticket.ticket())).expectNextCount(1).verifyComplete();
		assertThat(this.meters.counter("chat.ws-tickets.unmarked").count()).isEqualTo(1.0);
		// A forged one is still refused: the signature does not depend on Redis.
		StepVerifier.create(this.tickets.redeem(ticket.ticket() + "x")).expectError().verify();
	}

	@Test
	void aTicketNeverOutlivesItsLoginToken() {
		Instant soon = Instant.now().plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		assertThat(this.tickets.issue(login(soon)).expiresAt()).isEqualTo(soon);
	}

	private static Jwt login(Instant expiresAt) {
		return Jwt.withTokenValue("login")
			.header("alg", "HS256")
			.subject("42")
			.claims((claims) -> claims.putAll(Map.of(TokenService.USERNAME_CLAIM, "alice")))
			.issuedAt(Instant.now())
			.expiresAt(expiresAt)
			.build();
	}

}
