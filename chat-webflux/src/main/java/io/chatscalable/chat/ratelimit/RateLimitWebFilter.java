package io.chatscalable.chat.ratelimit;

import java.security.Principal;
import java.util.List;

import io.chatscalable.chat.web.ProblemCodes;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The REST calls limited by path, before their controller runs: logins per address
 * (unauthenticated), room creation, membership changes and user searches per user. Runs
 * after Spring Security (which orders itself at -100), so the user is the token's and an
 * unauthenticated call was refused already. (Logins per name are counted by the login
 * itself, which reads the body.) A refusal is 429 problem+json, code RATE_LIMITED, with
 * {@code Retry-After}.
 */
@Component
class RateLimitWebFilter implements WebFilter, Ordered {

	private static final PathPatternParser PATTERNS = PathPatternParser.defaultInstance;

	private static final List<Rule> RULES = List.of(
			new Rule(HttpMethod.POST, PATTERNS.parse("/api/auth/login"), Limit.LOGIN_PER_ADDRESS),
			new Rule(HttpMethod.POST, PATTERNS.parse("/api/rooms"), Limit.ROOM_CREATIONS_PER_USER),
			new Rule(HttpMethod.POST, PATTERNS.parse("/api/direct/{userId}"), Limit.ROOM_CREATIONS_PER_USER),
			new Rule(HttpMethod.POST, PATTERNS.parse("/api/rooms/{roomId}/members"), Limit.MEMBERSHIP_CHANGES_PER_USER),
			new Rule(HttpMethod.POST, PATTERNS.parse("/api/rooms/{roomId}/members/{userId}"),
					Limit.MEMBERSHIP_CHANGES_PER_USER),
			new Rule(HttpMethod.DELETE, PATTERNS.parse("/api/rooms/{roomId}/members/me"),
					Limit.MEMBERSHIP_CHANGES_PER_USER),
			new Rule(HttpMethod.GET, PATTERNS.parse("/api/users"), Limit.USER_SEARCHES_PER_USER));

	private final RateLimiter limiter;

	private final JsonMapper json;

	RateLimitWebFilter(RateLimiter limiter, JsonMapper json) {
		this.limiter = limiter;
		this.json = json;
	}

	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Rule rule = match(exchange);
		if (rule == null) {
			return chain.filter(exchange);
		}
		Mono<String> subject = rule.limit().perAddress() ? Mono.just(ClientAddress.of(exchange.getRequest()))
				: exchange.getPrincipal().map(Principal::getName);
		return subject.flatMap((key) -> this.limiter.acquire(rule.limit(), key))
			.then(Mono.defer(() -> chain.filter(exchange)))
			.onErrorResume(RateLimitExceededException.class, (ex) -> refuse(exchange.getResponse(), ex));
	}

	private static Rule match(ServerWebExchange exchange) {
		var request = exchange.getRequest();
		for (Rule rule : RULES) {
			if (rule.method().equals(request.getMethod())
					&& rule.path().matches(request.getPath().pathWithinApplication())) {
				return rule;
			}
		}
		return null;
	}

	private Mono<Void> refuse(ServerHttpResponse response, RateLimitExceededException ex) {
		if (response.isCommitted()) {
			// Thrown from further down the chain after the answer started: nothing to
			// change.
			return Mono.error(ex);
		}
		byte[] body = this.json
			.writeValueAsBytes(ProblemCodes.problem(HttpStatus.TOO_MANY_REQUESTS, ex.code(), ex.getMessage()));
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().addAll(ex.headers());
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	private record Rule(HttpMethod method, PathPattern path, Limit limit) {
	}

}
