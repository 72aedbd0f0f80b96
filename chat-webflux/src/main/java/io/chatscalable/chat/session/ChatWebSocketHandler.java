package io.chatscalable.chat.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.message.MessageRejectedException;
import io.chatscalable.chat.message.MessageSender;
import io.chatscalable.chat.message.RoomCatchUp;
import io.chatscalable.chat.node.NodeIdentity;
import io.chatscalable.chat.room.MembershipUnavailableException;
import io.chatscalable.chat.room.NotAMemberException;
import io.chatscalable.chat.room.RoomNotFoundException;
import io.chatscalable.chat.room.RoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One WebSocket connection, authenticated at the handshake (the token's or ticket's user
 * is the sender of everything on it) and open until its login token expires (4002).
 * Greets the client, then handles its frames one at a time, in order. Bad input is
 * answered with an error frame and costs nothing else: the connection stays open.
 */
@Component
class ChatWebSocketHandler implements WebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

	private final SessionRegistry registry;

	private final ClientFrameParser parser;

	private final ServerFrames frames;

	private final RoomService rooms;

	private final NodeIdentity node;

	private final SessionProperties properties;

	private final MessageSender sender;

	private final RoomCatchUp catchUp;

	private final SessionMetrics metrics;

	private final ReadMarker reads;

	private final TypingNotifier typing;

	private final List<SocketListener> listeners;

	ChatWebSocketHandler(SessionRegistry registry, ClientFrameParser parser, ServerFrames frames, RoomService rooms,
			NodeIdentity node, SessionProperties properties, MessageSender sender, RoomCatchUp catchUp,
			SessionMetrics metrics, ReadMarker reads, TypingNotifier typing, List<SocketListener> listeners) {
		this.metrics = metrics;
		this.reads = reads;
		this.typing = typing;
		this.listeners = List.copyOf(listeners);
		this.sender = sender;
		this.catchUp = catchUp;
		this.registry = registry;
		this.parser = parser;
		this.frames = frames;
		this.rooms = rooms;
		this.node = node;
		this.properties = properties;
	}

	@Override
	public Mono<Void> handle(WebSocketSession socket) {
		return socket.getHandshakeInfo()
			.getPrincipal()
			.ofType(JwtAuthenticationToken.class)
			.flatMap((token) -> serve(socket, AuthenticatedUser.of(token.getToken()),
					AuthenticatedUser.loginExpiry(token.getToken())))
			// Security refuses unauthenticated handshakes; this is defence in depth.
			.switchIfEmpty(Mono.defer(() -> socket.close(CloseStatus.POLICY_VIOLATION)));
	}

	private Mono<Void> serve(WebSocketSession socket, AuthenticatedUser user, Instant loginExpiry) {
		ChatSession session = new ChatSession(socket, user, this.properties.outboundQueue(),
				this.properties.outboundQueueBytes().toBytes(), new FrameRateLimiter(this.properties.framesPerSecond(),
						this.properties.frameBurst(), System.nanoTime()),
				this.metrics::slowConsumerClosed);
		if (loginExpiry != null) {
			// The heartbeat closes the socket with 4002 once the login token expires.
			long left = Duration.between(Instant.now(), loginExpiry).toNanos();
			session.loginExpiresAt(System.nanoTime() + left);
		}
		if (!this.registry.add(session)) {
			// The node is shutting down: the client should connect elsewhere.
			return socket.close(CloseCodes.GOING_AWAY);
		}
		session.offer(this.frames.welcome(socket.getId(), this.node.id(), user.id(), user.username()));
		this.listeners.forEach((listener) -> listener.opened(user, session.id()));
		Mono<Void> input = socket.receive()
			// Any frame, a pong included, shows the client is alive (idle timeout), even
			// while earlier frames are still being handled.
			.doOnNext((message) -> session.inboundArrived(System.nanoTime()))
			.concatMap((message) -> handle(session, message))
			.doFinally((signal) -> session.complete())
			.then();
		Mono<Void> output = socket.send(session.messages());
		return Mono.zip(input, output).then().doFinally((signal) -> {
			this.registry.remove(session);
			this.listeners.forEach((listener) -> listener.closed(user, session.id()));
		});
	}

	private Mono<Void> handle(ChatSession session, WebSocketMessage message) {
		if (message.getType() == WebSocketMessage.Type.PONG || message.getType() == WebSocketMessage.Type.PING) {
			// Control frames only show liveness: never rate limited, never answered here
			// (Netty answers pings itself).
			return Mono.empty();
		}
		if (!session.rateLimiter().tryAcquire(System.nanoTime())) {
			this.metrics.rateLimited();
			session.offer(this.frames.error(ErrorCode.RATE_LIMITED, "Too many frames; slow down", null));
			return Mono.empty();
		}
		if (message.getType() != WebSocketMessage.Type.TEXT) {
			if (message.getType() == WebSocketMessage.Type.BINARY) {
				session.offer(this.frames.error(ErrorCode.INVALID_FRAME, "Frames must be JSON text", null));
			}
			return Mono.empty();
		}
		ClientFrame frame;
		try {
			frame = this.parser.parse(message.getPayloadAsText());
		}
		catch (InvalidFrameException ex) {
			session.offer(this.frames.error(ex.code(), ex.getMessage(), ex.frameId()));
			return Mono.empty();
		}
		return Mono.defer(() -> dispatch(session, frame)).onErrorResume(InvalidFrameException.class, (ex) -> {
			session.offer(this.frames.error(ex.code(), ex.getMessage(), ex.frameId()));
			return Mono.empty();
		})
			// One failing frame (database down, say) never ends the connection's stream.
			.onErrorResume((ex) -> {
				log.warn("Could not handle a frame of session {}: {}", session.id(), ex.toString());
				session.offer(this.frames.error(ErrorCode.INTERNAL_ERROR, "Could not handle the frame", frame.id()));
				return Mono.empty();
			});
	}

	private Mono<Void> dispatch(ChatSession session, ClientFrame frame) {
		if (frame instanceof ClientFrame.Join join) {
			return join(session, join);
		}
		if (frame instanceof ClientFrame.Leave leave) {
			return leave(session, leave);
		}
		if (frame instanceof ClientFrame.Send send) {
			return send(session, send);
		}
		if (frame instanceof ClientFrame.Read read) {
			requireJoined(session, read.roomId(), read.id());
			return this.reads.markRead(session.user(), read.roomId(), read.position(), session.id())
				.doOnNext((last) -> session.offer(this.frames.markedRead(read.id(), read.roomId(), last)))
				.then();
		}
		if (frame instanceof ClientFrame.Typing typed) {
			requireJoined(session, typed.roomId(), typed.id());
			this.typing.typing(session.user(), typed.roomId());
			return Mono.empty();
		}
		return offer(session, this.frames.pong(frame.id()));
	}

	/**
	 * Subscribes the socket to a room (membership checked by RoomService.requireMember:
	 * PostgreSQL, or its Redis projection when PostgreSQL does not answer), and recovers
	 * what the client missed when it says what it saw last.
	 * <p>
	 * The room's live messages are held back from the moment the socket is subscribed;
	 * then {@link RoomCatchUp} supplies the missed ones up to the seam, and the socket
	 * gets {@code joined}, the missed messages, and the held-back ones newer than them,
	 * in that order.
	 */
	private Mono<Void> join(ChatSession session, ClientFrame.Join join) {
		long roomId = join.roomId();
		if (!session.rooms().contains(roomId) && session.rooms().size() >= this.properties.maxRoomsPerSession()) {
			return Mono.error(new InvalidFrameException(ErrorCode.INVALID_FRAME,
					"At most " + this.properties.maxRoomsPerSession() + " rooms per connection", join.id()));
		}
		return requireMember(session, roomId, join.id()).then(Mono.defer(() -> {
			session.beginJoin(roomId);
			this.registry.join(roomId, session);
			return this.catchUp.recover(roomId, join.lastSeenPosition())
				.doOnNext((result) -> session.finishJoin(roomId,
						this.frames.joined(join.id(), roomId, result.result(), result.messages().size()),
						(join.lastSeenPosition() != null) ? join.lastSeenPosition() : -1L,
						result.messages()
							.stream()
							.map((missed) -> new ChatSession.PositionedFrame(missed.position(),
									this.frames.message(missed)))
							.toList()))
				.then();
		}));
	}

	private Mono<Void> requireMember(ChatSession session, long roomId, String frameId) {
		return this.rooms.requireMember(roomId, session.user().id())
			.onErrorMap(RoomNotFoundException.class,
					(ex) -> new InvalidFrameException(ErrorCode.ROOM_NOT_FOUND, ex.getMessage(), frameId))
			.onErrorMap(NotAMemberException.class, (ex) -> {
				// Removed from the room (over REST) while joined here: stop delivering.
				this.registry.leave(roomId, session);
				return new InvalidFrameException(ErrorCode.NOT_A_MEMBER, ex.getMessage(), frameId);
			})
			// Neither PostgreSQL nor the Redis projection could answer: refuse the join
			// (fail closed), retryable.
			.onErrorMap(MembershipUnavailableException.class,
					(ex) -> new InvalidFrameException(ErrorCode.UNAVAILABLE, ex.getMessage(), frameId));
	}

	private Mono<Void> leave(ChatSession session, ClientFrame.Leave leave) {
		this.registry.leave(leave.roomId(), session);
		return offer(session, this.frames.left(leave.id(), leave.roomId()));
	}

	/**
	 * Sends to a room this socket joined. Answers only once the broker has the message
	 * (ack) or did not take it (nack), so the client knows whether to retry with the same
	 * id; the next frame of the socket is read after that.
	 */
	private Mono<Void> send(ChatSession session, ClientFrame.Send send) {
		long roomId = send.roomId();
		if (!session.rooms().contains(roomId)) {
			return Mono.error(new InvalidFrameException(ErrorCode.NOT_JOINED,
					"Join room " + roomId + " before sending to it", send.id()));
		}
		this.metrics.sendHandled();
		long start = System.nanoTime();
		return Mono.defer(() -> this.sender.send(session.user(), roomId, send.clientMessageId(), send.content()))
			.doOnNext((sent) -> {
				// Counted before the client can see the answer, so that a client that has
				// its ack also finds it counted.
				this.metrics.acked(start);
				session.offer(this.frames.ack(send.id(), roomId, send.clientMessageId(), sent));
			})
			.onErrorResume(MessageRejectedException.class, (ex) -> {
				log.debug("Send {} of session {} not accepted: {}", send.clientMessageId(), session.id(),
						ex.getMessage());
				this.metrics.nacked(ex.code(), start);
				session.offer(this.frames.nack(send.id(), roomId, send.clientMessageId(), ex.code(), ex.getMessage()));
				return Mono.empty();
			})
			.then();
	}

	/** Read and typing are about rooms this socket joined (membership checked then). */
	private static void requireJoined(ChatSession session, long roomId, String frameId) {
		if (!session.rooms().contains(roomId)) {
			throw new InvalidFrameException(ErrorCode.NOT_JOINED, "Join room " + roomId + " first", frameId);
		}
	}

	private static Mono<Void> offer(ChatSession session, OutboundFrame frame) {
		session.offer(frame);
		return Mono.empty();
	}

}
