package io.chatscalable.chat.session;

import org.springframework.web.reactive.socket.CloseStatus;

/** The close codes the server uses (docs/protocol.md). */
final class CloseCodes {

	/** The node is shutting down; reconnect (to any node). */
	static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;

	/**
	 * The client did not read fast enough and its outbound queue filled up. Reconnect and
	 * recover with the last position seen.
	 */
	static final CloseStatus SLOW_CONSUMER = new CloseStatus(4000, "slow consumer: outbound queue full");

	/**
	 * Nothing (no frame, no pong) arrived from the client for
	 * {@code chat.websocket.idle-timeout}: the connection is presumed dead. Reconnect and
	 * recover with the last position seen.
	 */
	static final CloseStatus IDLE_TIMEOUT = new CloseStatus(4001, "idle timeout: no frame or pong received");

	/**
	 * The login token the socket was opened with has expired. Log in again (a new token,
	 * a new ticket); reconnecting with the same token is refused.
	 */
	static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4002, "token expired: log in again");

	private CloseCodes() {
	}

}
