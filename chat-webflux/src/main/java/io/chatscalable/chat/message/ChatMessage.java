package io.chatscalable.chat.message;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A chat message as it travels on Kafka (topic {@code chat.messages}, key = room id). Its
 * position is the record's offset, known once the broker has it.
 *
 * @param messageId derived from sender and client message id, so a re-sent message keeps
 * its id
 * @param roomId the room
 * @param senderId the sender, from the socket's token
 * @param senderName the sender's username, from the token
 * @param clientMessageId the sender's id for the message
 * @param content the text
 * @param messageType the kind of message; TEXT for now
 * @param sentAt when the node accepted it, epoch ms
 */
public record ChatMessage(String messageId, long roomId, long senderId, String senderName, String clientMessageId,
		String content, String messageType, long sentAt) {

	/** The text message type. */
	public static final String TEXT = "TEXT";

	/**
	 * The idempotency key: sender and client message id. Stored once, whatever the number
	 * of sends or deliveries.
	 */
	public String messageKey() {
		return messageKey(this.senderId, this.clientMessageId);
	}

	static String messageKey(long senderId, String clientMessageId) {
		return senderId + ":" + clientMessageId;
	}

	/**
	 * The id of a message, the same for every send of one client message id by one
	 * sender.
	 */
	public static String messageId(long senderId, String clientMessageId) {
		return UUID.nameUUIDFromBytes(messageKey(senderId, clientMessageId).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

}
