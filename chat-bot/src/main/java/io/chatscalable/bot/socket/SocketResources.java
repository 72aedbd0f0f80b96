package io.chatscalable.bot.socket;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * What all bot sockets share: one event loop group, one WebSocket client and one timer
 * thread for retries and reconnects.
 */
public final class SocketResources implements AutoCloseable {

	/** Server frames are at most a message of 4000 characters plus its envelope. */
	private static final int MAX_FRAME_PAYLOAD = 64 * 1024;

	private static final WebsocketClientSpec SPEC = WebsocketClientSpec.builder()
		.maxFramePayloadLength(MAX_FRAME_PAYLOAD)
		.build();

	private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

	private final LoopResources loops;

	private final HttpClient http;

	private final ScheduledExecutorService timer;

	/**
	 * @param eventLoops event loop threads for all sockets together
	 */
	public SocketResources(int eventLoops) {
		this.loops = LoopResources.create("bot-ws", eventLoops, true);
		// A new connection per socket: WebSocket connections are never pooled anyway.
		this.http = HttpClient.create(ConnectionProvider.newConnection())
			.runOn(this.loops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bot-timer");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * A handshake that authenticates with {@code token} in the Authorization header (the
	 * server refuses tokens in URLs).
	 */
	HttpClient.WebsocketSender websocket(String token) {
		return this.http.headers((headers) -> headers.set("Authorization", "Bearer " + token)).websocket(SPEC);
	}

	ScheduledExecutorService timer() {
		return this.timer;
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(10));
	}

}
