package io.chatscalable.bot.socket;

/**
 * The fields of a server frame the bot reads; absent fields are {@code null} or -1.
 *
 * @param type the frame type
 * @param id the echoed client frame id
 * @param roomId the room
 * @param position the message position (message, ack)
 * @param clientMessageId the echoed client message id (ack, nack)
 * @param content the message content
 * @param code the error or nack code ({@code code}, or {@code reason} on older nodes)
 * @param recovery the recovery result of a {@code joined}
 * @param roomName the created room's name ({@code room-created})
 */
record InboundFrame(String type, String id, long roomId, long position, String clientMessageId, String content,
		String code, String recovery, String roomName) {
}
