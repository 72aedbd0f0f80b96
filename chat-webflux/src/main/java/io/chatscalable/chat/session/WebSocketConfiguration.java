package io.chatscalable.chat.session;

import java.util.Map;

import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;

/** Maps the raw WebSocket endpoint {@code /ws} (JSON text frames, no STOMP). */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	static final String PATH = "/ws";

	@Bean
	HandlerMapping webSocketMapping(ChatWebSocketHandler handler) {
		return new SimpleUrlHandlerMapping(Map.of(PATH, handler), Ordered.HIGHEST_PRECEDENCE);
	}

	@Bean
	WebSocketService webSocketService(SessionProperties properties) {
		// Netty rejects a larger frame before it is buffered, closing with 1009. The
		// strategy hands each session its TCP connection (pings, termination).
		return new HandshakeWebSocketService(new TcpConnection.UpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(properties.maxFrameBytes())));
	}

	@Bean
	WebSocketHandlerAdapter webSocketHandlerAdapter(WebSocketService webSocketService) {
		return new WebSocketHandlerAdapter(webSocketService);
	}

}
