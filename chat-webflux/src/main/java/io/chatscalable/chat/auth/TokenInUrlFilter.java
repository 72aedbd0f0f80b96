package io.chatscalable.chat.auth;

import io.chatscalable.chat.web.ProblemCodes;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses every request that carries {@code access_token} in its URL, on every path, with
 * 400 problem+json, code TOKEN_IN_URL, before anything reads the token: URLs end up in
 * proxy and access logs and browser history, where a long-lived login token must never
 * be. REST calls send it in the Authorization header; browsers open a WebSocket with a
 * ticket ({@code POST /api/ws-tickets}). Ordered before Spring Security (-100).
 */
@Component
class TokenInUrlFilter implements WebFilter, Ordered {

	/** The problem code. */
	static final String CODE = "TOKEN_IN_URL";

	private static final String PARAMETER = "access_token";

	private final JsonMapper json;

	TokenInUrlFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	public int getOrder() {
		return -200;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getQueryParams().containsKey(PARAMETER)) {
			return chain.filter(exchange);
		}
		HttpStatus status = HttpStatus.BAD_REQUEST;
		byte[] body = this.json.writeValueAsBytes(ProblemCodes.problem(status, CODE,
				"Tokens are not accepted in URLs: send it in the Authorization header, or open a WebSocket "
						+ "with a ticket from POST /api/ws-tickets"));
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

}
