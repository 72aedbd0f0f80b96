package io.chatscalable.chat.session;

import java.net.URI;
import java.security.Principal;
import java.util.Locale;

import io.chatscalable.chat.ratelimit.ClientAddress;
import io.chatscalable.chat.ratelimit.Limit;
import io.chatscalable.chat.ratelimit.RateLimitExceededException;
import io.chatscalable.chat.ratelimit.RateLimitProperties;
import io.chatscalable.chat.ratelimit.RateLimiter;
import io.chatscalable.chat.web.WebProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a WebSocket handshake must pass before the upgrade, after Spring Security has
 * authenticated it (header or ticket):
 * <ol>
 * <li>its {@code Origin}, when it has one, is in {@code chat.web.allowed-origins} or is
 * the node's own origin (the scheme, host and port the request was sent to: a page this
 * node served); else 403. A handshake without Origin comes from a non-browser client (a
 * browser always sends it, and a page of another site cannot make it leave it out), so it
 * passes;</li>
 * <li>handshakes per client address and per user, cluster-wide (else 429 with
 * {@code Retry-After});</li>
 * <li>the user's open sockets on this node below
 * {@code chat.rate-limits.sockets-per-user} (else 429). Checked before the upgrade and
 * not reserved, so concurrent handshakes of one user may overshoot by the few in
 * flight.</li>
 * </ol>
 * A refused handshake gets an HTTP answer and no upgrade; a browser sees the socket fail
 * (close code 1006), other clients see the status.
 */
@Component
class HandshakeGuard {

	private static final Logger log = LoggerFactory.getLogger(HandshakeGuard.class);

	static final String REFUSED_METRIC = "chat.websocket.handshakes.refused";

	private final WebProperties web;

	private final RateLimiter limiter;

	private final RateLimitProperties limits;

	private final SessionRegistry registry;

	private final MeterRegistry meters;

	HandshakeGuard(WebProperties web, RateLimiter limiter, RateLimitProperties limits, SessionRegistry registry,
			MeterRegistry meters) {
		this.web = web;
		this.limiter = limiter;
		this.limits = limits;
		this.registry = registry;
		this.meters = meters;
	}

	/** True when the handshake may proceed; false once it has been answered (refused). */
	Mono<Boolean> admit(ServerWebExchange exchange) {
		String origin = exchange.getRequest().getHeaders().getOrigin();
		if (origin != null && !this.web.allowsOrigin(origin) && !sameOrigin(exchange.getRequest().getURI(), origin)) {
			log.debug("Handshake from origin {} refused", origin);
			return refuse(exchange, HttpStatus.FORBIDDEN, "origin", null);
		}
		return exchange.getPrincipal().map(Principal::getName).flatMap((userId) -> {
			// The node's own count first: a handshake refused for it costs no Redis call
			// and uses up none of the user's rate.
			if (this.limits.enabled()
					&& this.registry.countOf(Long.parseLong(userId)) >= this.limits.socketsPerUser()) {
				return refuse(exchange, HttpStatus.TOO_MANY_REQUESTS, "sockets", null);
			}
			return this.limiter.acquire(Limit.HANDSHAKES_PER_ADDRESS, ClientAddress.of(exchange.getRequest()))
				.then(this.limiter.acquire(Limit.HANDSHAKES_PER_USER, userId))
				.thenReturn(Boolean.TRUE)
				.onErrorResume(RateLimitExceededException.class,
						(ex) -> refuse(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate", ex));
		})
			// Security lets no unauthenticated handshake through; defence in depth.
			.switchIfEmpty(Mono.defer(() -> refuse(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", null)));
	}

	/**
	 * Whether the Origin is the node's own (scheme, host and port of the request): a page
	 * this node served. A page of another site cannot claim it (browsers set Origin), so
	 * it is as safe as a listed origin; non-browser WebSocket clients (Netty's, the
	 * bot's) send it too.
	 */
	static boolean sameOrigin(URI request, String origin) {
		URI claimed;
		try {
			claimed = URI.create(origin.trim());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (claimed.getScheme() == null || claimed.getHost() == null || request.getHost() == null) {
			return false;
		}
		String scheme = claimed.getScheme().toLowerCase(Locale.ROOT);
		String requestScheme = request.getScheme().toLowerCase(Locale.ROOT);
		boolean secure = scheme.equals("https") || scheme.equals("wss");
		boolean requestSecure = requestScheme.equals("https") || requestScheme.equals("wss");
		return secure == requestSecure && claimed.getHost().equalsIgnoreCase(request.getHost())
				&& port(claimed, secure) == port(request, requestSecure);
	}

	private static int port(URI uri, boolean secure) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return secure ? 443 : 80;
	}

	private Mono<Boolean> refuse(ServerWebExchange exchange, HttpStatus status, String reason,
			RateLimitExceededException limit) {
		this.meters.counter(REFUSED_METRIC, "reason", reason).increment();
		var response = exchange.getResponse();
		response.setStatusCode(status);
		if (limit != null) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
		}
		else if (status == HttpStatus.TOO_MANY_REQUESTS) {
			// Sockets close at any time: a second is as good a guess as any.
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		}
		return response.setComplete().thenReturn(Boolean.FALSE);
	}

}
