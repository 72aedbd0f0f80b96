package io.chatscalable.chat.auth;

import io.chatscalable.chat.web.ProblemCodes;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a missing, forged or expired token with 401 problem+json, code UNAUTHENTICATED.
 */
@Component
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	private final JsonMapper json;

	ProblemAuthenticationEntryPoint(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		HttpStatus status = HttpStatus.UNAUTHORIZED;
		String detail = (exchange.getRequest().getHeaders().getFirst("Authorization") == null
				&& !HandshakeTokenConverter.isTicketHandshake(exchange)) ? "A bearer token is required"
						: "The token (or ticket) is invalid, expired or used";
		byte[] body = this.json.writeValueAsBytes(ProblemCodes.problem(status, ProblemCodes.UNAUTHENTICATED, detail));
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set("WWW-Authenticate", "Bearer");
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

}
