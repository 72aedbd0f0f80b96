package io.chatscalable.chat.session;

import java.util.Map;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * The TCP connection under a socket, for what a WebSocket session cannot do: send a PING
 * control frame, and cut a connection whose client no longer reads (a close frame cannot
 * reach it). Spring's session keeps its Reactor Netty connection to itself, so the
 * upgrade ({@link UpgradeStrategy}) hands the Netty channel over as a session attribute.
 * Without one (another server), pings and termination do nothing.
 */
final class TcpConnection {

	private static final String ATTRIBUTE = TcpConnection.class.getName() + ".channel";

	private static final TcpConnection NONE = new TcpConnection(null);

	private final Channel channel;

	private TcpConnection(Channel channel) {
		this.channel = channel;
	}

	static TcpConnection of(WebSocketSession socket) {
		return (socket.getAttributes().get(ATTRIBUTE) instanceof Channel channel) ? new TcpConnection(channel) : NONE;
	}

	/**
	 * Queues a PING control frame (non-blocking, any thread). Sent even when the channel
	 * is not writable: it is a few bytes, once per ping interval, until the idle timeout.
	 */
	void ping() {
		if (this.channel != null && this.channel.isActive()) {
			this.channel.writeAndFlush(new PingWebSocketFrame());
		}
	}

	/**
	 * Closes the TCP connection now, without a close handshake; Netty drops the writes it
	 * still holds for it (non-blocking, any thread).
	 */
	void terminate() {
		if (this.channel != null) {
			this.channel.close();
		}
	}

	/** False once the TCP connection is closed. */
	boolean isOpen() {
		return this.channel == null || this.channel.isOpen();
	}

	/** The Reactor Netty upgrade, with the channel added to the session's attributes. */
	static final class UpgradeStrategy extends ReactorNettyRequestUpgradeStrategy {

		UpgradeStrategy(Supplier<WebsocketServerSpec.Builder> spec) {
			super(spec);
		}

		@Override
		public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, String subProtocol,
				Supplier<HandshakeInfo> handshakeInfoFactory) {
			Object response = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
			Channel[] channel = new Channel[1];
			if (response instanceof HttpServerResponse netty) {
				netty.withConnection((connection) -> channel[0] = connection.channel());
			}
			return super.upgrade(exchange, handler, subProtocol,
					() -> withChannel(handshakeInfoFactory.get(), channel[0]));
		}

		private static HandshakeInfo withChannel(HandshakeInfo info, Channel channel) {
			if (channel == null) {
				return info;
			}
			Map<String, Object> attributes = new java.util.HashMap<>(info.getAttributes());
			attributes.put(ATTRIBUTE, channel);
			return new HandshakeInfo(info.getUri(), info.getHeaders(), info.getCookies(), info.getPrincipal(),
					info.getSubProtocol(), info.getRemoteAddress(), attributes, info.getLogPrefix());
		}

	}

}
