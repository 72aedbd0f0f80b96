package io.chatscalable.chat.session;

import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.server.ServerWebExchange;

/** Maps the raw WebSocket endpoint {@code /ws} (JSON text frames, no STOMP). */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	static final String PATH = "/ws";

	@Bean
	HandlerMapping webSocketMapping(ChatWebSocketHandler handler) {
		return new SimpleUrlHandlerMapping(Map.of(PATH, handler), Ordered.HIGHEST_PRECEDENCE);
	}

	@Bean
	WebSocketService webSocketService(SessionProperties properties, HandshakeGuard guard) {
		// Netty rejects a larger frame before it is buffered, closing with 1009. The
		// strategy hands each session its TCP connection (pings, termination).
		return new GuardedWebSocketService(new TcpConnection.UpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(properties.maxFrameBytes())), guard);
	}

	/** Upgrades only the handshakes that {@link HandshakeGuard} admits. */
	static final class GuardedWebSocketService extends HandshakeWebSocketService {

		private final HandshakeGuard guard;

		GuardedWebSocketService(RequestUpgradeStrategy strategy, HandshakeGuard guard) {
			super(strategy);
			this.guard = guard;
		}

		@Override
		public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
			return this.guard.admit(exchange)
				.flatMap((admitted) -> admitted ? super.handleRequest(exchange, handler) : Mono.<Void>empty());
		}

	}

	@Bean
	WebSocketHandlerAdapter webSocketHandlerAdapter(WebSocketService webSocketService) {
		return new WebSocketHandlerAdapter(webSocketService);
	}

}
