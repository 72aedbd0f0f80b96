package io.chatscalable.bot.socket;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted stand-in for a few chat nodes sharing one message log, speaking just enough
 * of the protocol for the bot: welcome, join (with recovery from the shared log), send
 * (with dedup by clientMessageId), fan-out to every joined socket on every node, a 1001
 * going-away close, and the room history page (GET /api/rooms/{id}/messages, every stored
 * message of the room in one page).
 */
final class FakeCluster implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<DisposableServer> servers = new ArrayList<>();

	private final List<List<Socket>> socketsByNode = new ArrayList<>();

	private final List<Stored> log = new ArrayList<>();

	private final Map<String, Stored> byClientId = new LinkedHashMap<>();

	/** Every join frame received, as text, in order. */
	final List<String> joins = new CopyOnWriteArrayList<>();

	private long nextPosition = 100;

	/**
	 * What a join with {@code lastSeenPosition} answers: RECOVERED (with the replay) or
	 * another result.
	 */
	volatile String recoveryResult = "RECOVERED";

	FakeCluster(int nodes) {
		for (int i = 0; i < nodes; i++) {
			List<Socket> sockets = new CopyOnWriteArrayList<>();
			this.socketsByNode.add(sockets);
			this.servers.add(HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route((routes) -> routes
					.get("/api/rooms/{id}/messages",
							(request, response) -> response.header("Content-Type", "application/json")
								.sendString(Mono.fromSupplier(() -> history(Long.parseLong(request.param("id"))))))
					.ws("/ws", (in, out) -> {
						Socket socket = new Socket(out);
						sockets.add(socket);
						socket.emit("{\"type\":\"welcome\",\"sessionId\":\"s\",\"nodeId\":\"n\",\"userId\":1,"
								+ "\"username\":\"u\",\"serverTime\":0}");
						Mono<Void> receiving = in.receive()
							.asString()
							.doOnNext((text) -> handle(socket, text))
							.then()
							.doFinally((signal) -> {
								sockets.remove(socket);
								socket.outbound.tryEmitComplete();
							});
						return Mono.when(receiving, out.sendString(socket.outbound.asFlux()).then());
					}))
				.bindNow());
		}
	}

	List<URI> urls() {
		return this.servers.stream().map((server) -> URI.create("http://127.0.0.1:" + server.port())).toList();
	}

	/** Closes every socket of {@code node} with 1001, as a node does on SIGTERM. */
	void goAway(int node) {
		for (Socket socket : this.socketsByNode.get(node)) {
			socket.out.sendClose(1001, "going away").subscribe();
		}
	}

	int socketsOn(int node) {
		return this.socketsByNode.get(node).size();
	}

	private void handle(Socket socket, String text) {
		JsonNode frame = this.json.readTree(text);
		String id = frame.path("id").asString();
		long roomId = frame.path("roomId").asLong();
		switch (frame.path("type").asString()) {
			case "join" -> join(socket, frame, id, roomId);
			case "send" -> send(socket, frame, id, roomId);
			default -> socket.emit("{\"type\":\"error\",\"code\":\"UNKNOWN_TYPE\",\"id\":\"" + id + "\"}");
		}
	}

	private synchronized void join(Socket socket, JsonNode frame, String id, long roomId) {
		this.joins.add(frame.toString());
		List<Stored> missed = new ArrayList<>();
		String result = "NONE";
		if (frame.has("lastSeenPosition")) {
			long lastSeen = frame.path("lastSeenPosition").asLong();
			result = this.recoveryResult;
			if ("RECOVERED".equals(result)) {
				this.log.stream()
					.filter((stored) -> stored.roomId == roomId && stored.position > lastSeen)
					.forEach(missed::add);
			}
		}
		socket.emit("{\"type\":\"joined\",\"id\":\"" + id + "\",\"roomId\":" + roomId + ",\"recovery\":{\"result\":\""
				+ result + "\",\"count\":" + missed.size() + "}}");
		missed.forEach((stored) -> socket.emit(stored.frame));
		socket.rooms.add(roomId);
	}

	private synchronized void send(Socket socket, JsonNode frame, String id, long roomId) {
		String clientId = frame.path("clientMessageId").asString();
		Stored stored = this.byClientId.get(clientId);
		boolean duplicate = stored != null;
		if (!duplicate) {
			long position = this.nextPosition++;
			String message = this.json.writeValueAsString(Map.of("type", "message", "roomId", roomId, "position",
					position, "messageId", "m-" + clientId, "content", frame.path("content").asString()));
			stored = new Stored(roomId, position, message);
			this.byClientId.put(clientId, stored);
			this.log.add(stored);
		}
		socket.emit("{\"type\":\"ack\",\"id\":\"" + id + "\",\"roomId\":" + roomId + ",\"clientMessageId\":\""
				+ clientId + "\",\"messageId\":\"m-" + clientId + "\",\"position\":" + stored.position
				+ ",\"duplicate\":" + duplicate + "}");
		if (!duplicate) {
			for (List<Socket> sockets : this.socketsByNode) {
				for (Socket member : sockets) {
					if (member.rooms.contains(roomId)) {
						member.emit(stored.frame);
					}
				}
			}
		}
	}

	private synchronized String history(long roomId) {
		StringBuilder page = new StringBuilder("{\"messages\":[");
		String separator = "";
		for (Stored stored : this.log) {
			if (stored.roomId == roomId) {
				page.append(separator).append(stored.frame);
				separator = ",";
			}
		}
		return page.append("],\"nextBefore\":null}").toString();
	}

	@Override
	public void close() {
		this.servers.forEach(DisposableServer::disposeNow);
	}

	private record Stored(long roomId, long position, String frame) {
	}

	private static final class Socket {

		final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

		final List<Long> rooms = new CopyOnWriteArrayList<>();

		final WebsocketOutbound out;

		Socket(WebsocketOutbound out) {
			this.out = out;
		}

		synchronized void emit(String frame) {
			this.outbound.tryEmitNext(frame);
		}

	}

}
