package io.chatscalable.chat.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.chatscalable.chat.auth.AuthenticatedUser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One connected socket: its user, the rooms it joined on this node, and its bounded
 * outbound queue.
 * <p>
 * Frames reach the socket only through {@link #offer}. The queue holds at most
 * {@code chat.websocket.outbound-queue} frames and {@code outbound-queue-bytes} bytes (a
 * frame counts until Netty has taken it for the wire); a client that reads slower than
 * its rooms produce fills it, and is then disconnected with 4000 (slow consumer) rather
 * than making the node buffer without bound. It reconnects and recovers from its last
 * position.
 * <p>
 * A client that stops reading cannot receive the close frame either: once the node has
 * started closing a socket ({@link #closeWith}), {@link SessionHeartbeat} cuts the TCP
 * connection after the grace ({@link #terminate}), and the queued frames are dropped.
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

	/** Counts this socket's close as a slow consumer (once). */
	private final Runnable slowConsumerClosed;

	private final int queueCapacity;

	private final long queueBytes;

	/** Bytes of the frames queued or held back and not yet taken by Netty. */
	private final AtomicLong queuedBytes = new AtomicLong();

	private final TcpConnection connection;

	/** Emits once, when the connection is terminated: drops the queued frames. */
	private final Sinks.One<Boolean> dropped = Sinks.one();

	/** When the last inbound frame (pong included) arrived (nanoTime). */
	private volatile long lastInbound;

	/**
	 * When the socket's login token expires (nanoTime); the heartbeat closes it with 4002
	 * then. Far in the future when it never does.
	 */
	private volatile long loginExpiry;

	/** When the node last pinged the socket (nanoTime). */
	private volatile long lastPing;

	/** When the node started closing the socket (nanoTime); meaningful once closing. */
	private volatile long closingSince;

	/** The node is closing the socket: nothing more is queued. */
	private volatile boolean closing;

	/** The node cut the TCP connection. */
	private volatile boolean terminated;

	/**
	 * Rooms being joined: their live messages wait here until the joined frame (and any
	 * recovered messages) went out. Guarded by this.
	 */
	private final Map<Long, List<PositionedFrame>> joining = new HashMap<>();

	ChatSession(WebSocketSession socket, AuthenticatedUser user, int queueCapacity, long queueBytes,
			FrameRateLimiter rateLimiter, Runnable slowConsumerClosed) {
		this.slowConsumerClosed = slowConsumerClosed;
		this.socket = socket;
		this.user = user;
		this.outbound = Sinks.many().unicast().onBackpressureBuffer(Queues.<OutboundFrame>get(queueCapacity).get());
		this.rateLimiter = rateLimiter;
		this.queueCapacity = queueCapacity;
		this.queueBytes = queueBytes;
		this.connection = TcpConnection.of(socket);
		long now = System.nanoTime();
		this.lastInbound = now;
		this.lastPing = now;
		this.loginExpiry = now + Long.MAX_VALUE / 2;
	}

	/** Sets when the login token expires, as a nanoTime. */
	void loginExpiresAt(long nanoTime) {
		this.loginExpiry = nanoTime;
	}

	/** When the login token expires (nanoTime). */
	long loginExpiry() {
		return this.loginExpiry;
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
		if (held != null) {
			// Counted again as each is queued below.
			held.forEach((frame) -> this.queuedBytes.addAndGet(-frame.frame().utf8().length));
		}
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
		if (this.closing) {
			return false;
		}
		int size = frame.utf8().length;
		if (held.size() >= this.queueCapacity || this.queuedBytes.get() + size > this.queueBytes) {
			disconnectSlowConsumer();
			return false;
		}
		this.queuedBytes.addAndGet(size);
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
		// Closing: the client reconnects and recovers; queuing more only holds memory.
		if (this.closing) {
			return false;
		}
		int size = frame.utf8().length;
		if (this.queuedBytes.get() + size > this.queueBytes) {
			disconnectSlowConsumer();
			return false;
		}
		this.queuedBytes.addAndGet(size);
		Sinks.EmitResult result = this.outbound.tryEmitNext(frame);
		if (result.isFailure()) {
			this.queuedBytes.addAndGet(-size);
		}
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
			// Terminated: cancelling the sink clears its queue, so the frames' memory
			// goes
			// with the connection.
			.takeUntilOther(this.dropped.asMono())
			.map((frame) -> new WebSocketMessage(WebSocketMessage.Type.TEXT, payload(frame)));
	}

	/** The frame's bytes, counted against the byte bound until Netty releases them. */
	private DataBuffer payload(OutboundFrame frame) {
		byte[] bytes = frame.utf8();
		if (this.socket.bufferFactory() instanceof NettyDataBufferFactory netty) {
			return netty.wrap(new AccountedFrameBuffer(bytes, this::released));
		}
		// Not on Netty (unit tests): counted until taken by the writer.
		released(bytes.length);
		return this.socket.bufferFactory().wrap(bytes);
	}

	private void released(int bytes) {
		this.queuedBytes.addAndGet(-bytes);
	}

	/** Bytes queued and not yet taken by Netty. */
	long queuedBytes() {
		return this.queuedBytes.get();
	}

	/** Ends the outbound stream once the client has gone. */
	synchronized void complete() {
		this.outbound.tryEmitComplete();
	}

	Mono<Void> close(CloseStatus status) {
		return this.socket.close(status);
	}

	/**
	 * Starts closing the socket with {@code status}, once: nothing more is queued, and
	 * the heartbeat terminates the connection if it is still open after the grace.
	 */
	synchronized void closeWith(CloseStatus status, long now) {
		if (this.closing) {
			return;
		}
		this.closingSince = now;
		this.closing = true;
		close(status).subscribe(null, (error) -> {
			// The connection is already going: the heartbeat or the handler's end cleans
			// up.
		});
	}

	boolean isClosing() {
		return this.closing;
	}

	long closingSince() {
		return this.closingSince;
	}

	/**
	 * Cuts the TCP connection and drops the queued frames: the client did not finish the
	 * close in time. Non-blocking.
	 */
	synchronized void terminate() {
		this.closing = true;
		this.terminated = true;
		this.connection.terminate();
		// One emission ever: a second terminate has nothing left to drop.
		this.dropped.tryEmitValue(Boolean.TRUE);
	}

	boolean isTerminated() {
		return this.terminated;
	}

	/** False once the TCP connection is closed. */
	boolean isConnectionOpen() {
		return this.connection.isOpen();
	}

	/** A frame (or a pong) arrived: the client is alive. */
	void inboundArrived(long now) {
		this.lastInbound = now;
	}

	long lastInbound() {
		return this.lastInbound;
	}

	long lastPing() {
		return this.lastPing;
	}

	/** Sends a PING control frame; the client's pong counts as inbound. */
	void ping(long now) {
		this.lastPing = now;
		this.connection.ping();
	}

	/** Closes with 4000 once, however many frames overflow meanwhile. Guarded by this. */
	private void disconnectSlowConsumer() {
		if (!this.closing) {
			this.slowConsumerClosed.run();
		}
		closeWith(CloseCodes.SLOW_CONSUMER, System.nanoTime());
	}

	/** A room message's frame with its position. */
	record PositionedFrame(long position, OutboundFrame frame) {
	}

}
