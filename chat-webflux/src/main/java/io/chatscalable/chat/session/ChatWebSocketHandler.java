package io.chatscalable.chat.session;

import java.time.Clock;

import io.chatscalable.chat.node.NodeIdentity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One WebSocket connection: greets the client, then answers each text frame in order. Bad
 * input is answered with an error frame and costs nothing else: the connection stays
 * open.
 */
@Component
class ChatWebSocketHandler implements WebSocketHandler {

	private final JsonMapper json;

	private final NodeIdentity node;

	private final Clock clock;

	ChatWebSocketHandler(JsonMapper json, NodeIdentity node) {
		this.json = json;
		this.node = node;
		this.clock = Clock.systemUTC();
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		Mono<ServerFrame> welcome = Mono
			.fromSupplier(() -> new ServerFrame.Welcome(session.getId(), this.node.id(), this.clock.millis()));
		Flux<ServerFrame> answers = session.receive()
			.filter((message) -> message.getType() == WebSocketMessage.Type.TEXT)
			.map(WebSocketMessage::getPayloadAsText)
			.map(this::answer);
		return session.send(Flux.concat(welcome, answers).map((frame) -> session.textMessage(encode(frame))));
	}

	private ServerFrame answer(String text) {
		JsonNode frame;
		try {
			frame = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return new ServerFrame.Error(ErrorCode.INVALID_JSON, "Frame is not valid JSON", null);
		}
		if (frame == null || !frame.isObject()) {
			return new ServerFrame.Error(ErrorCode.INVALID_JSON, "Frame must be a JSON object", null);
		}
		JsonNode idNode = frame.get("id");
		if (idNode != null && !idNode.isString()) {
			return new ServerFrame.Error(ErrorCode.INVALID_FRAME, "Field 'id' must be a string", null);
		}
		String id = (idNode != null) ? idNode.asString() : null;
		JsonNode type = frame.get("type");
		if (type == null || !type.isString()) {
			return new ServerFrame.Error(ErrorCode.UNKNOWN_TYPE, "Field 'type' must be a string", id);
		}
		return switch (type.asString()) {
			case "ping" -> new ServerFrame.Pong(id, this.clock.millis());
			default ->
				new ServerFrame.Error(ErrorCode.UNKNOWN_TYPE, "Unknown frame type '" + type.asString() + "'", id);
		};
	}

	private String encode(ServerFrame frame) {
		return this.json.writeValueAsString(frame);
	}

}
