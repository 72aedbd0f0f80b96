package io.chatscalable.chat.session;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.chatscalable.chat.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real WebSocket client against /ws: welcome, pong, and bad input answered without
 * closing the connection.
 */
@IntegrationTest
class WebSocketPingIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void welcomesThenAnswersPingWithPong() {
		List<JsonNode> frames = exchange(List.of("{\"type\":\"ping\",\"id\":\"p1\"}"), 2);

		assertThat(frames.get(0).get("type").asString()).isEqualTo("welcome");
		assertThat(frames.get(0).get("nodeId").asString()).isNotBlank();
		assertThat(frames.get(1).get("type").asString()).isEqualTo("pong");
		assertThat(frames.get(1).get("id").asString()).isEqualTo("p1");
	}

	@Test
	void badFramesGetErrorsAndTheConnectionStaysUsable() {
		List<JsonNode> frames = exchange(List.of("not json", "[1,2]", "{\"type\":\"dance\",\"id\":\"d1\"}",
				"{\"id\":7,\"type\":\"ping\"}", "{\"type\":\"ping\",\"id\":\"after\"}"), 6);

		assertThat(frames.subList(1, 5)).extracting((frame) -> frame.get("code").asString())
			.containsExactly("INVALID_JSON", "INVALID_JSON", "UNKNOWN_TYPE", "INVALID_FRAME");
		assertThat(frames.get(3).get("id").asString()).isEqualTo("d1");
		assertThat(frames.get(5).get("type").asString()).isEqualTo("pong");
		assertThat(frames.get(5).get("id").asString()).isEqualTo("after");
	}

	private List<JsonNode> exchange(List<String> outgoing, int expected) {
		Sinks.Many<JsonNode> received = Sinks.many().replay().all();
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://127.0.0.1:" + this.port + "/ws"),
					(session) -> session.send(Flux.fromIterable(outgoing).map(session::textMessage))
						.thenMany(session.receive()
							.map(WebSocketMessage::getPayloadAsText)
							.map(JSON::readTree)
							.doOnNext(received::tryEmitNext)
							.take(expected))
						.then())
			.block(Duration.ofSeconds(30));
		return received.asFlux().take(expected).collectList().block(Duration.ofSeconds(1));
	}

}
