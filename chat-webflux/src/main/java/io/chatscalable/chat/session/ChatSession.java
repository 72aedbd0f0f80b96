package io.chatscalable.chat.session;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.chatscalable.chat.auth.AuthenticatedUser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One connected socket: its user, the rooms it joined on this node, and its bounded
 * outbound queue.
 * <p>
 * Frames reach the socket only through {@link #offer}. The queue holds at most
 * {@code chat.websocket.outbound-queue} frames; a client that reads slower than its rooms
 * produce fills it, and is then disconnected with 4000 (slow consumer) rather than making
 * the node buffer without bound. It reconnects and recovers from its last position.
 */
final class ChatSession {

	private final WebSocketSession socket;

	private final AuthenticatedUser user;

	private final Sinks.Many<OutboundFrame> outbound;

	private final Set<Long> rooms = ConcurrentHashMap.newKeySet();

	private final FrameRateLimiter rateLimiter;

	ChatSession(WebSocketSession socket, AuthenticatedUser user, int queueCapacity, FrameRateLimiter rateLimiter) {
		this.socket = socket;
		this.user = user;
		this.outbound = Sinks.many().unicast().onBackpressureBuffer(Queues.<OutboundFrame>get(queueCapacity).get());
		this.rateLimiter = rateLimiter;
	}

	String id() {
		return this.socket.getId();
	}

	AuthenticatedUser user() {
		return this.user;
	}

	/** The rooms this socket joined (a live view). */
	Set<Long> rooms() {
		return Collections.unmodifiableSet(this.rooms);
	}

	boolean addRoom(long roomId) {
		return this.rooms.add(roomId);
	}

	boolean removeRoom(long roomId) {
		return this.rooms.remove(roomId);
	}

	FrameRateLimiter rateLimiter() {
		return this.rateLimiter;
	}

	/**
	 * Queues a frame for this socket. Broadcasts (consumer threads) and replies (the
	 * socket's event loop) may offer at once, so offers are serialized here; each is a
	 * non-blocking queue insert.
	 * @return false when the frame was not queued: the socket is closing, or its queue
	 * was full and it is being closed as a slow consumer
	 */
	synchronized boolean offer(OutboundFrame frame) {
		Sinks.EmitResult result = this.outbound.tryEmitNext(frame);
		// Full: FAIL_OVERFLOW while the socket is subscribed but not draining,
		// FAIL_ZERO_SUBSCRIBER before it
		// subscribed. Either way the client is not reading.
		if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
			close(CloseCodes.SLOW_CONSUMER).subscribe();
			return false;
		}
		// OK, or the socket is already closing (FAIL_CANCELLED, FAIL_TERMINATED): nothing
		// else to do.
		return result.isSuccess();
	}

	/**
	 * The frames to write, as WebSocket messages sharing the frames' bytes (no copy per
	 * socket).
	 */
	Flux<WebSocketMessage> messages() {
		return this.outbound.asFlux()
			.map((frame) -> new WebSocketMessage(WebSocketMessage.Type.TEXT,
					this.socket.bufferFactory().wrap(frame.utf8())));
	}

	/** Ends the outbound stream once the client has gone. */
	synchronized void complete() {
		this.outbound.tryEmitComplete();
	}

	Mono<Void> close(CloseStatus status) {
		return this.socket.close(status);
	}

}
