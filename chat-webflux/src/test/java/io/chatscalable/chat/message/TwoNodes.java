package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.Nodes;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/** Two chat nodes in the test JVM sharing the test servers, ready to chat. */
final class TwoNodes implements AutoCloseable {

	/**
	 * Test clients send in bursts; the per-socket frame limit is not what is tested here.
	 */
	static final Map<String, Object> NO_RATE_LIMIT = Map.of("chat.websocket.frames-per-second", "100000",
			"chat.websocket.frame-burst", "100000");

	final ConfigurableApplicationContext a;

	final ConfigurableApplicationContext b;

	final ChatApi api;

	private TwoNodes(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		this.a = a;
		this.b = b;
		this.api = new ChatApi(Nodes.port(a));
	}

	static TwoNodes start() {
		return start(Map.of());
	}

	/** Two nodes with {@code overrides} on top of the test properties. */
	static TwoNodes start(Map<String, Object> overrides) {
		Map<String, Object> properties = new HashMap<>(NO_RATE_LIMIT);
		properties.putAll(overrides);
		TwoNodes nodes = new TwoNodes(Nodes.start("node-a", properties), Nodes.start("node-b", properties));
		for (ConfigurableApplicationContext node : List.of(nodes.a, nodes.b)) {
			Mono.when(node.getBean(MessageFeed.class).ready(), node.getBean(MessageStore.class).ready())
				.block(Duration.ofSeconds(60));
		}
		return nodes;
	}

	int portA() {
		return Nodes.port(this.a);
	}

	int portB() {
		return Nodes.port(this.b);
	}

	/** How many messages of the room PostgreSQL holds. */
	long storedCount(long roomId) {
		return this.a.getBean(DatabaseClient.class)
			.sql("SELECT count(*) AS n FROM messages WHERE room_id = :room")
			.bind("room", roomId)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

	@Override
	public void close() {
		this.a.close();
		this.b.close();
	}

}
