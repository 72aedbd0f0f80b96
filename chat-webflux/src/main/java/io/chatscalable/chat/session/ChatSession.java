package io.chatscalable.chat.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

	/**
	 * The rooms this socket joined; a room is joined only after a membership check, and
	 * left when the user leaves it over REST (RoomEventsRelay).
	 */
	private final Set<Long> rooms = ConcurrentHashMap.newKeySet();

	private final FrameRateLimiter rateLimiter;

	private final int queueCapacity;

	private boolean slowConsumer;

	/**
	 * Rooms being joined: their live messages wait here until the joined frame (and any
	 * recovered messages) went out. Guarded by this.
	 */
	private final Map<Long, List<PositionedFrame>> joining = new HashMap<>();

	ChatSession(WebSocketSession socket, AuthenticatedUser user, int queueCapacity, FrameRateLimiter rateLimiter) {
		this.socket = socket;
		this.user = user;
		this.outbound = Sinks.many().unicast().onBackpressureBuffer(Queues.<OutboundFrame>get(queueCapacity).get());
		this.rateLimiter = rateLimiter;
		this.queueCapacity = queueCapacity;
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

	/** Joins the room, its membership checked. */
	void addRoom(long roomId) {
		this.rooms.add(roomId);
	}

	void removeRoom(long roomId) {
		this.rooms.remove(roomId);
	}

	/**
	 * Starts joining a room: from now on its live messages are held back (up to the
	 * queue's capacity) until {@link #finishJoin}. Call before subscribing the socket to
	 * the room.
	 */
	synchronized void beginJoin(long roomId) {
		this.joining.put(roomId, new ArrayList<>());
	}

	/**
	 * Ends a join: queues {@code joined}, then the recovered messages, then the live
	 * messages held back since {@link #beginJoin} that are newer than the last recovered
	 * one (the seam: no gap, no duplicate).
	 * @param lastSeen the client's last position, or -1
	 */
	synchronized void finishJoin(long roomId, OutboundFrame joined, long lastSeen, List<PositionedFrame> recovered) {
		List<PositionedFrame> held = this.joining.remove(roomId);
		if (!offer(joined)) {
			return;
		}
		long last = lastSeen;
		for (PositionedFrame frame : recovered) {
			if (!offer(frame.frame())) {
				return;
			}
			last = frame.position();
		}
		for (PositionedFrame frame : (held != null) ? held : List.<PositionedFrame>of()) {
			if (frame.position() > last) {
				if (!offer(frame.frame())) {
					return;
				}
				last = frame.position();
			}
		}
	}

	/**
	 * Queues a room's live message, or holds it back while the room is being joined. A
	 * socket whose held-back messages reach the queue's capacity is a slow consumer too.
	 */
	synchronized boolean offerMessage(long roomId, long position, OutboundFrame frame) {
		List<PositionedFrame> held = this.joining.get(roomId);
		if (held == null) {
			return offer(frame);
		}
		if (held.size() >= this.queueCapacity) {
			disconnectSlowConsumer();
			return false;
		}
		held.add(new PositionedFrame(position, frame));
		return true;
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
			disconnectSlowConsumer();
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

	/** Closes with 4000 once, however many frames overflow meanwhile. Guarded by this. */
	private void disconnectSlowConsumer() {
		if (!this.slowConsumer) {
			this.slowConsumer = true;
			close(CloseCodes.SLOW_CONSUMER).subscribe();
		}
	}

	/** A room message's frame with its position. */
	record PositionedFrame(long position, OutboundFrame frame) {
	}

}
