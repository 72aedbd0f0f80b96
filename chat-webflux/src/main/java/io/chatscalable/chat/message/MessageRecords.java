package io.chatscalable.chat.message;

import io.chatscalable.chat.text.StorableText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads chat-message records, refusing any that could not have come from a node: the
 * topic is an input like any other (a bad producer, a replayed record, a schema change).
 */
@Component
class MessageRecords {

	/** The longest content any node accepts (chat.websocket.max-message-length tops). */
	static final int MAX_CONTENT = 100_000;

	private static final int MAX_CLIENT_ID = 64;

	private static final int MAX_SENDER_NAME = 32;

	private final JsonMapper json;

	MessageRecords(JsonMapper json) {
		this.json = json;
	}

	ChatMessage read(String value) {
		ChatMessage message;
		try {
			message = (value != null) ? this.json.readValue(value, ChatMessage.class) : null;
		}
		catch (JacksonException ex) {
			throw new InvalidMessageException("Not a chat message: " + ex.getOriginalMessage());
		}
		if (message == null) {
			throw new InvalidMessageException("Empty record");
		}
		check(message.messageId() != null && message.messageId()
			.equals(ChatMessage.messageId(message.senderId(), String.valueOf(message.clientMessageId()))),
				"messageId does not match sender and clientMessageId");
		check(message.roomId() > 0 && message.senderId() > 0, "roomId and senderId must be positive");
		check(message.clientMessageId() != null && !message.clientMessageId().isEmpty()
				&& message.clientMessageId().length() <= MAX_CLIENT_ID, "clientMessageId must be 1-64 characters");
		check(message.senderName() != null && message.senderName().length() <= MAX_SENDER_NAME,
				"senderName must be at most 32 characters");
		check(message.content() != null && !message.content().isBlank() && message.content().length() <= MAX_CONTENT,
				"content must be non-blank and bounded");
		// A record no node would have written, that PostgreSQL would refuse however often
		// it is retried: unreadable, so dead-lettered at once.
		check(StorableText.isStorable(message.content()) && StorableText.isStorable(message.clientMessageId())
				&& StorableText.isStorable(message.senderName()), "text " + StorableText.RULE);
		check(ChatMessage.TEXT.equals(message.messageType()), "unknown messageType");
		return message;
	}

	private static void check(boolean condition, String problem) {
		if (!condition) {
			throw new InvalidMessageException(problem);
		}
	}

}
