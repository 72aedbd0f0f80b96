package io.chatscalable.chat.session;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.message.ChatMessage;
import io.chatscalable.chat.message.MessagePublisher;
import io.chatscalable.chat.node.NodeIdentity;
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
 * One WebSocket connection, authenticated at the handshake (the token's user is the
 * sender of everything on it). Greets the client, then handles its frames one at a time,
 * in order. Bad input is answered with an error frame and costs nothing else: the
 * connection stays open.
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

	private final MessagePublisher messages;

	ChatWebSocketHandler(SessionRegistry registry, ClientFrameParser parser, ServerFrames frames, RoomService rooms,
			NodeIdentity node, SessionProperties properties, MessagePublisher messages) {
		this.messages = messages;
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
			.map((token) -> AuthenticatedUser.of(token.getToken()))
			.flatMap((user) -> serve(socket, user))
			// Security refuses unauthenticated handshakes; this is defence in depth.
			.switchIfEmpty(Mono.defer(() -> socket.close(CloseStatus.POLICY_VIOLATION)));
	}

	private Mono<Void> serve(WebSocketSession socket, AuthenticatedUser user) {
		ChatSession session = new ChatSession(socket, user, this.properties.outboundQueue(), new FrameRateLimiter(
				this.properties.framesPerSecond(), this.properties.frameBurst(), System.nanoTime()));
		this.registry.add(session);
		session.offer(this.frames.welcome(socket.getId(), this.node.id(), user.id(), user.username()));
		Mono<Void> input = socket.receive()
			.concatMap((message) -> handle(session, message))
			.doFinally((signal) -> session.complete())
			.then();
		Mono<Void> output = socket.send(session.messages());
		return Mono.zip(input, output).then().doFinally((signal) -> this.registry.remove(session));
	}

	private Mono<Void> handle(ChatSession session, WebSocketMessage message) {
		if (!session.rateLimiter().tryAcquire(System.nanoTime())) {
			session.offer(this.frames.error(ErrorCode.RATE_LIMITED, "Too many frames; slow down", null));
			return Mono.empty();
		}
		if (message.getType() != WebSocketMessage.Type.TEXT) {
			if (message.getType() == WebSocketMessage.Type.BINARY) {
				session.offer(this.frames.error(ErrorCode.INVALID_FRAME, "Frames must be JSON text", null));
			}
			return Mono.empty();
		}
		return Mono.defer(() -> dispatch(session, this.parser.parse(message.getPayloadAsText())))
			.onErrorResume(InvalidFrameException.class, (ex) -> {
				session.offer(this.frames.error(ex.code(), ex.getMessage(), ex.frameId()));
				return Mono.empty();
			})
			// One failing frame (database down, say) never ends the connection's stream.
			.onErrorResume((ex) -> {
				log.warn("Could not handle a frame of session {}: {}", session.id(), ex.toString());
				session.offer(this.frames.error(ErrorCode.INTERNAL_ERROR, "Could not handle the frame", null));
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
		return offer(session, this.frames.pong(frame.id()));
	}

	/**
	 * Subscribes the socket to a room; membership is checked against PostgreSQL, never a
	 * cache.
	 */
	private Mono<Void> join(ChatSession session, ClientFrame.Join join) {
		if (!session.rooms().contains(join.roomId())
				&& session.rooms().size() >= this.properties.maxRoomsPerSession()) {
			return Mono.error(new InvalidFrameException(ErrorCode.INVALID_FRAME,
					"At most " + this.properties.maxRoomsPerSession() + " rooms per connection", join.id()));
		}
		return this.rooms.find(join.roomId())
			.onErrorMap(RoomNotFoundException.class,
					(ex) -> new InvalidFrameException(ErrorCode.ROOM_NOT_FOUND, ex.getMessage(), join.id()))
			.then(this.rooms.isMember(join.roomId(), session.user().id()))
			.flatMap((member) -> {
				if (!member) {
					return Mono.error(new InvalidFrameException(ErrorCode.NOT_A_MEMBER,
							"Not a member of room " + join.roomId() + "; join it with POST /api/rooms/{id}/members",
							join.id()));
				}
				this.registry.join(join.roomId(), session);
				return offer(session, this.frames.joined(join.id(), join.roomId()));
			});
	}

	private Mono<Void> leave(ChatSession session, ClientFrame.Leave leave) {
		this.registry.leave(leave.roomId(), session);
		return offer(session, this.frames.left(leave.id(), leave.roomId()));
	}

	/**
	 * Sends to a room this socket joined (membership was checked against PostgreSQL at
	 * join). Acknowledges only once the broker has the message; anything else is a nack,
	 * so the client knows to retry with the same id.
	 */
	private Mono<Void> send(ChatSession session, ClientFrame.Send send) {
		if (!session.rooms().contains(send.roomId())) {
			return Mono.error(new InvalidFrameException(ErrorCode.NOT_JOINED,
					"Join room " + send.roomId() + " before sending to it", send.id()));
		}
		AuthenticatedUser user = session.user();
		ChatMessage message = new ChatMessage(ChatMessage.messageId(user.id(), send.clientMessageId()), send.roomId(),
				user.id(), user.username(), send.clientMessageId(), send.content(), ChatMessage.TEXT,
				System.currentTimeMillis());
		return this.messages.publish(message)
			.doOnNext((position) -> session.offer(
					this.frames.ack(send.id(), send.roomId(), send.clientMessageId(), message.messageId(), position)))
			.onErrorResume((error) -> {
				log.warn("Message {} of session {} not accepted: {}", message.messageId(), session.id(),
						error.toString());
				session.offer(this.frames.nack(send.id(), send.roomId(), send.clientMessageId(),
						"The broker did not accept the message; retry with the same clientMessageId"));
				return Mono.empty();
			})
			.then();
	}

	private static Mono<Void> offer(ChatSession session, OutboundFrame frame) {
		session.offer(frame);
		return Mono.empty();
	}

}
