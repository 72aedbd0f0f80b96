package io.chatscalable.chat.ratelimit;

import java.net.InetSocketAddress;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client address that per-address limits count. It is the TCP peer, unless the node
 * runs behind a trusted proxy with {@code server.forward-headers-strategy} set, in which
 * case Spring has already replaced it with the forwarded client's (docs/security.md).
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	/** The request's client address as text; "unknown" when the server has none. */
	public static String of(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return "unknown";
		}
		return remote.getAddress().getHostAddress();
	}

}
