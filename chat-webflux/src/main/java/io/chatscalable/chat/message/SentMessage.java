package io.chatscalable.chat.message;

/**
 * An accepted send.
 *
 * @param messageId the message's id
 * @param position its position in the room
 * @param duplicate true when an earlier send of the same client message id was accepted
 * and this one was not published again
 */
public record SentMessage(String messageId, long position, boolean duplicate) {
}
