package io.chatscalable.chat.auth;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a request's credential is: the Authorization header (every REST call, and
 * WebSocket handshakes of clients that can set headers), or, on a {@code /ws} handshake
 * without that header, a ticket in {@code ?ticket=}. Never a login token in a URL
 * (TokenInUrlFilter refuses {@code access_token} before this runs).
 */
final class HandshakeTokenConverter implements ServerAuthenticationConverter {

	/** The WebSocket endpoint. */
	static final String WS_PATH = "/ws";

	/** The query parameter of a ticket. */
	static final String TICKET_PARAMETER = "ticket";

	private final ServerBearerTokenAuthenticationConverter header = new ServerBearerTokenAuthenticationConverter();

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		if (isTicketHandshake(exchange)) {
			String ticket = exchange.getRequest().getQueryParams().getFirst(TICKET_PARAMETER);
			return Mono.just(new BearerTokenAuthenticationToken((ticket != null) ? ticket : ""));
		}
		return this.header.convert(exchange);
	}

	/** A {@code /ws} handshake that presents a ticket and no Authorization header. */
	static boolean isTicketHandshake(ServerWebExchange exchange) {
		var request = exchange.getRequest();
		return WS_PATH.equals(request.getPath().pathWithinApplication().value())
				&& request.getQueryParams().containsKey(TICKET_PARAMETER)
				&& !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
	}

}
