package io.chatscalable.chat.session;

import java.util.regex.Pattern;

import io.chatscalable.chat.text.StorableText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads and validates client frames: JSON object, known type, every field of the right
 * type and within bounds, and text that the store can keep ({@link StorableText}).
 */
@Component
class ClientFrameParser {

	/** Longest client frame id echoed back. */
	static final int MAX_ID_LENGTH = 64;

	private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_ID_LENGTH + "}");

	private final JsonMapper json;

	private final int maxContentLength;

	@Autowired
	ClientFrameParser(JsonMapper json, SessionProperties properties) {
		this(json, properties.maxMessageLength());
	}

	ClientFrameParser(JsonMapper json, int maxContentLength) {
		this.json = json;
		this.maxContentLength = maxContentLength;
	}

	ClientFrame parse(String text) {
		JsonNode frame;
		try {
			frame = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new InvalidFrameException(ErrorCode.INVALID_JSON, "Frame is not valid JSON", null);
		}
		if (frame == null || !frame.isObject()) {
			throw new InvalidFrameException(ErrorCode.INVALID_JSON, "Frame must be a JSON object", null);
		}
		String id = id(frame);
		JsonNode type = frame.get("type");
		if (type == null || !type.isString()) {
			throw new InvalidFrameException(ErrorCode.UNKNOWN_TYPE, "Field 'type' must be a string", id);
		}
		return switch (type.asString()) {
			case "ping" -> new ClientFrame.Ping(id);
			case "join" -> new ClientFrame.Join(id, roomId(frame, id), optionalPosition(frame, id));
			case "leave" -> new ClientFrame.Leave(id, roomId(frame, id));
			case "send" -> new ClientFrame.Send(id, roomId(frame, id), clientMessageId(frame, id), content(frame, id));
			case "read" -> new ClientFrame.Read(id, roomId(frame, id), position(frame, id));
			case "typing" -> new ClientFrame.Typing(id, roomId(frame, id));
			default -> throw new InvalidFrameException(ErrorCode.UNKNOWN_TYPE,
					"Unknown frame type '" + abbreviate(type.asString()) + "'", id);
		};
	}

	private static String id(JsonNode frame) {
		JsonNode id = frame.get("id");
		if (id == null || id.isNull()) {
			return null;
		}
		if (!id.isString() || id.asString().length() > MAX_ID_LENGTH) {
			throw new InvalidFrameException(ErrorCode.INVALID_FRAME,
					"Field 'id' must be a string of at most " + MAX_ID_LENGTH + " characters", null);
		}
		return id.asString();
	}

	private static long roomId(JsonNode frame, String id) {
		JsonNode roomId = frame.get("roomId");
		if (roomId == null || !roomId.isIntegralNumber() || !roomId.canConvertToLong() || roomId.asLong() < 1) {
			throw new InvalidFrameException(ErrorCode.INVALID_FRAME, "Field 'roomId' must be a positive integer", id);
		}
		return roomId.asLong();
	}

	private static Long optionalPosition(JsonNode frame, String id) {
		JsonNode position = frame.get("lastSeenPosition");
		if (position == null || position.isNull()) {
			return null;
		}
		// -1: the client has seen nothing of the room (positions start at 0), so it asks
		// for all of it.
		if (!position.isIntegralNumber() || !position.canConvertToLong() || position.asLong() < -1) {
			throw new InvalidFrameException(ErrorCode.INVALID_FRAME,
					"Field 'lastSeenPosition' must be an integer of at least -1", id);
		}
		return position.asLong();
	}

	private static long position(JsonNode frame, String id) {
		JsonNode position = frame.get("position");
		if (position == null || !position.isIntegralNumber() || !position.canConvertToLong() || position.asLong() < 0) {
			throw new InvalidFrameException(ErrorCode.INVALID_FRAME, "Field 'position' must be a non-negative integer",
					id);
		}
		return position.asLong();
	}

	private static String clientMessageId(JsonNode frame, String id) {
		JsonNode value = frame.get("clientMessageId");
		if (value == null || !value.isString() || !CLIENT_MESSAGE_ID.matcher(value.asString()).matches()) {
			throw new InvalidFrameException(ErrorCode.INVALID_FRAME, "Field 'clientMessageId' must be a string of 1-"
					+ MAX_ID_LENGTH + " characters from A-Z a-z 0-9 _ . : -", id);
		}
		return value.asString();
	}

	private String content(JsonNode frame, String id) {
		JsonNode value = frame.get("content");
		if (value == null || !value.isString() || value.asString().isBlank()) {
			throw new InvalidFrameException(ErrorCode.INVALID_FRAME, "Field 'content' must be a non-blank string", id);
		}
		String content = value.asString();
		// Refused here, before anything is published: the store could not keep it, so
		// acking it would deliver live a message that history never has.
		if (!StorableText.isStorable(content)) {
			throw new InvalidFrameException(ErrorCode.INVALID_FRAME, "Field 'content' " + StorableText.RULE, id);
		}
		if (content.codePointCount(0, content.length()) > this.maxContentLength) {
			throw new InvalidFrameException(ErrorCode.INVALID_FRAME,
					"Field 'content' must be at most " + this.maxContentLength + " characters", id);
		}
		return content;
	}

	private static String abbreviate(String value) {
		return (value.length() > 32) ? value.substring(0, 32) + "..." : value;
	}

}
