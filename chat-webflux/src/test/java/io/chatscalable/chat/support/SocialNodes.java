package io.chatscalable.chat.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.message.MessageFeed;
import io.chatscalable.chat.room.RoomEventsFeed;
import io.chatscalable.chat.signal.SignalFeed;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two chat nodes in the test JVM with short timings for read state, signals, presence and
 * typing, each ready to see every message, room event and signal.
 */
public final class SocialNodes implements AutoCloseable {

	/** Short timings so tests wait seconds, not minutes. */
	public static final Map<String, String> FAST = Map.of("chat.websocket.frames-per-second", "100000",
			"chat.websocket.frame-burst", "100000", "chat.signals.flush-interval", "50ms", "chat.reads.flush-interval",
			"200ms", "chat.presence.heartbeat", "200ms", "chat.presence.ttl", "1s", "chat.typing.interval", "1s",
			"chat.typing.expires", "2s");

	public final ConfigurableApplicationContext a;

	public final ConfigurableApplicationContext b;

	public final ChatApi apiA;

	public final ChatApi apiB;

	private SocialNodes(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
		this.a = a;
		this.b = b;
		this.apiA = new ChatApi(Nodes.port(a));
		this.apiB = new ChatApi(Nodes.port(b));
	}

	public static SocialNodes start() {
		Map<String, Object> properties = new HashMap<>(FAST);
		SocialNodes nodes = new SocialNodes(Nodes.start("node-a", properties), Nodes.start("node-b", properties));
		for (ConfigurableApplicationContext node : List.of(nodes.a, nodes.b)) {
			Mono.when(node.getBean(MessageFeed.class).ready(), node.getBean(RoomEventsFeed.class).ready(),
					node.getBean(SignalFeed.class).ready())
				.block(Duration.ofSeconds(60));
		}
		return nodes;
	}

	public int portA() {
		return Nodes.port(this.a);
	}

	public int portB() {
		return Nodes.port(this.b);
	}

	@Override
	public void close() {
		this.a.close();
		this.b.close();
	}

}
