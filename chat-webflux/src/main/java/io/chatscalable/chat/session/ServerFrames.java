package io.chatscalable.chat.session;

import java.time.Clock;

import io.chatscalable.chat.message.ChatMessage;
import io.chatscalable.chat.message.DeliveredMessage;
import io.chatscalable.chat.message.Recovery;
import io.chatscalable.chat.message.NackCode;
import io.chatscalable.chat.message.SentMessage;
import io.chatscalable.chat.room.MemberJoined;
import io.chatscalable.chat.room.MemberLeft;
import io.chatscalable.chat.room.RoomCreated;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Builds every server frame of docs/protocol.md, serialized once. */
@Component
class ServerFrames {

	private final JsonMapper json;

	private final Clock clock = Clock.systemUTC();

	ServerFrames(JsonMapper json) {
		this.json = json;
	}

	OutboundFrame welcome(String sessionId, String nodeId, long userId, String username) {
		return encode(new Welcome("welcome", sessionId, nodeId, userId, username, now()));
	}

	OutboundFrame pong(String id) {
		return encode(new Pong("pong", id, now()));
	}

	OutboundFrame joined(String id, long roomId, Recovery.Result result, int count) {
		return encode(new Joined("joined", id, roomId, new RecoveryFrame(result.name(), count)));
	}

	OutboundFrame left(String id, long roomId) {
		return encode(new Left("left", id, roomId));
	}

	OutboundFrame roomCreated(RoomCreated room) {
		return encode(new RoomCreatedFrame("room-created", new RoomFrame(room.roomId(), room.name(), room.createdBy(),
				room.createdAt().toEpochMilli(), room.visibility().name(), room.kind().name())));
	}

	OutboundFrame removed(long roomId, String reason) {
		return encode(new Removed("removed", roomId, reason));
	}

	OutboundFrame memberJoined(MemberJoined joined) {
		return encode(new MemberJoinedFrame("member-joined", joined.roomId(), joined.userId(), joined.username(),
				joined.joinedAt().toEpochMilli()));
	}

	OutboundFrame memberLeft(MemberLeft left) {
		return encode(new MemberLeftFrame("member-left", left.roomId(), left.userId(), left.leftAt().toEpochMilli()));
	}

	OutboundFrame ack(String id, long roomId, String clientMessageId, SentMessage sent) {
		return encode(new Ack("ack", id, roomId, clientMessageId, sent.messageId(), sent.position(), sent.duplicate()));
	}

	OutboundFrame nack(String id, long roomId, String clientMessageId, NackCode code, String message) {
		return encode(new Nack("nack", id, roomId, clientMessageId, code.name(), message));
	}

	OutboundFrame message(DeliveredMessage delivered) {
		ChatMessage message = delivered.message();
		return encode(new Message("message", message.roomId(), delivered.position(), message.messageId(),
				message.senderId(), message.senderName(), message.content(), message.messageType(), message.sentAt()));
	}

	OutboundFrame markedRead(String id, long roomId, long lastReadPosition) {
		return encode(new MarkedRead("marked-read", id, roomId, lastReadPosition));
	}

	OutboundFrame error(ErrorCode code, String message, String id) {
		return encode(new Error("error", code.name(), message, id));
	}

	private long now() {
		return this.clock.millis();
	}

	private OutboundFrame encode(Object frame) {
		return new OutboundFrame(this.json.writeValueAsBytes(frame));
	}

	record Welcome(String type, String sessionId, String nodeId, long userId, String username, long serverTime) {
	}

	record Pong(String type, String id, long serverTime) {
	}

	record Joined(String type, String id, long roomId, RecoveryFrame recovery) {
	}

	record RecoveryFrame(String result, int count) {
	}

	record Left(String type, String id, long roomId) {
	}

	record RoomCreatedFrame(String type, RoomFrame room) {
	}

	record RoomFrame(long id, String name, long createdBy, long createdAt, String visibility, String kind) {
	}

	record Removed(String type, long roomId, String reason) {
	}

	record MemberJoinedFrame(String type, long roomId, long userId, String username, long joinedAt) {
	}

	record MemberLeftFrame(String type, long roomId, long userId, long leftAt) {
	}

	record MarkedRead(String type, String id, long roomId, long lastReadPosition) {
	}

	record Error(String type, String code, String message, String id) {
	}

	record Ack(String type, String id, long roomId, String clientMessageId, String messageId, long position,
			boolean duplicate) {
	}

	record Nack(String type, String id, long roomId, String clientMessageId, String code, String message) {
	}

	record Message(String type, long roomId, long position, String messageId, long senderId, String senderName,
			String content, String messageType, long serverTime) {
	}

}
