package io.chatscalable.chat.support;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * A real WebSocket client for tests: connects with a token, sends text frames, and
 * records every frame received and the close status.
 */
public final class SocketClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Frames that arrive whenever something happens elsewhere (rooms created or joined,
	 * members reading, typing, coming online), not as an answer to this client.
	 */
	public static final Set<String> BROADCASTS = Set.of("room-created", "member-joined", "member-left", "read-receipt",
			"read-state", "presence", "typing");

	private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<JsonNode> received = Sinks.many().replay().all();

	private final AtomicReference<CloseStatus> closeStatus = new AtomicReference<>();

	private final reactor.core.Disposable connection;

	private final Sinks.One<Throwable> failure = Sinks.one();

	private SocketClient(URI uri, HttpHeaders headers) {
		this.connection = new ReactorNettyWebSocketClient().execute(uri, headers, (session) -> {
			Mono<Void> send = session.send(this.outgoing.asFlux().map(session::textMessage));
			Mono<Void> receive = session.receive()
				.map(WebSocketMessage::getPayloadAsText)
				.map(JSON::readTree)
				.doOnNext(this.received::tryEmitNext)
				.then();
			Mono<Void> closed = session.closeStatus().doOnNext(this.closeStatus::set).then();
			return Mono.when(send, receive, closed);
		}).doOnError(this.failure::tryEmitValue).doFinally((signal) -> this.received.tryEmitComplete()).subscribe();
	}

	/**
	 * Connects to a node's /ws with {@code token} (null: none) in the Authorization
	 * header, as a non-browser client does.
	 */
	public static SocketClient connect(int port, String token) {
		HttpHeaders headers = new HttpHeaders();
		if (token != null) {
			headers.setBearerAuth(token);
		}
		return new SocketClient(URI.create("ws://127.0.0.1:" + port + "/ws"), headers);
	}

	/** Connects to a node's /ws with a ticket ({@code ?ticket=}), as a browser does. */
	public static SocketClient connectWithTicket(int port, String ticket) {
		return new SocketClient(URI.create("ws://127.0.0.1:" + port + "/ws?ticket=" + ticket), new HttpHeaders());
	}

	/** Connects to any /ws URL with these handshake headers. */
	public static SocketClient connect(URI uri, HttpHeaders headers) {
		return new SocketClient(uri, headers);
	}

	/** Connects and joins the room; returns once joined (or fails the test). */
	public static SocketClient joined(int port, String token, long roomId) {
		SocketClient client = connect(port, token);
		client.send("{\"type\":\"join\",\"id\":\"join\",\"roomId\":" + roomId + "}");
		JsonNode joined = client.await("joined");
		if (joined == null) {
			throw new AssertionError("Not joined to room " + roomId + ": " + client.received.asFlux().collectList());
		}
		return client;
	}

	/** A send frame. */
	public static String sendFrame(String id, long roomId, String clientMessageId, String content) {
		return "{\"type\":\"send\",\"id\":\"" + id + "\",\"roomId\":" + roomId + ",\"clientMessageId\":\""
				+ clientMessageId + "\",\"content\":\"" + content + "\"}";
	}

	/** The first {@code count} message frames received (waits up to 60 s). */
	public List<JsonNode> messages(int count) {
		return this.received.asFlux()
			.filter((frame) -> "message".equals(frame.path("type").asString()))
			.take(count)
			.collectList()
			.block(Duration.ofSeconds(60));
	}

	/** The frames received so far. */
	public List<JsonNode> receivedSoFar() {
		List<JsonNode> frames = new CopyOnWriteArrayList<>();
		// A replay sink hands over what it holds during subscribe(), on this thread.
		this.received.asFlux().subscribe(frames::add).dispose();
		return List.copyOf(frames);
	}

	public SocketClient send(String... frames) {
		for (String frame : frames) {
			this.outgoing.tryEmitNext(frame);
		}
		return this;
	}

	/**
	 * The first {@code count} frames received, leaving out {@link #BROADCASTS}, which
	 * arrive whenever something happens anywhere (waits up to 30 s).
	 */
	public List<JsonNode> frames(int count) {
		return this.received.asFlux()
			.filter((frame) -> !BROADCASTS.contains(frame.path("type").asString()))
			.take(count)
			.collectList()
			.block(Duration.ofSeconds(30));
	}

	/** The first received frame of that type (waits up to 30 s). */
	public JsonNode await(String type) {
		return this.received.asFlux()
			.filter((frame) -> type.equals(frame.path("type").asString()))
			.blockFirst(Duration.ofSeconds(30));
	}

	/** The frame that answers the client frame {@code id} (waits up to 30 s). */
	public JsonNode answerTo(String id) {
		return this.received.asFlux()
			.filter((frame) -> id.equals(frame.path("id").asString()))
			.blockFirst(Duration.ofSeconds(30));
	}

	/**
	 * Sends {@code count} messages to the room one after another, each once the last was
	 * acked; their content is {@code prefix-i}. Returns their positions (fails the test
	 * on anything but an ack).
	 */
	public List<Long> sendAndAwaitAcks(long roomId, String prefix, int count) {
		List<Long> positions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = prefix + "-" + i;
			send(sendFrame(id, roomId, id + "-" + System.nanoTime(), id));
			JsonNode answer = answerTo(id);
			if (answer == null || !"ack".equals(answer.path("type").asString())) {
				throw new AssertionError("Send " + id + " was answered " + answer);
			}
			positions.add(answer.get("position").asLong());
		}
		return positions;
	}

	/** All frames received until the connection ended (waits up to 30 s for the end). */
	public List<JsonNode> untilClosed() {
		return this.received.asFlux().collectList().block(Duration.ofSeconds(30));
	}

	/** The handshake's or connection's failure, if any, within 10 s. */
	public Throwable failure() {
		return this.failure.asMono().block(Duration.ofSeconds(10));
	}

	public CloseStatus closeStatus() {
		return this.closeStatus.get();
	}

	public Flux<JsonNode> received() {
		return this.received.asFlux();
	}

	@Override
	public void close() {
		this.outgoing.tryEmitComplete();
		this.connection.dispose();
	}

}
