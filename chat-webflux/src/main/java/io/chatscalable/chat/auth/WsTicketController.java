package io.chatscalable.chat.auth;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ws-tickets}: a single-use ticket to open a WebSocket with
 * ({@code /ws?ticket=}), for clients that cannot set headers on a handshake (browsers).
 * Authenticated with the login token in the Authorization header, like every REST call.
 */
@RestController
class WsTicketController {

	private final WsTickets tickets;

	WsTicketController(WsTickets tickets) {
		this.tickets = tickets;
	}

	@PostMapping("/api/ws-tickets")
	WsTickets.Ticket issue(@AuthenticationPrincipal Jwt login) {
		return this.tickets.issue(login);
	}

}
