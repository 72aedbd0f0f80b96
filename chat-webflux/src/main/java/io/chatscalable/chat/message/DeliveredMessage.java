package io.chatscalable.chat.message;

/**
 * A chat message read back from Kafka, with its place in the room's order.
 *
 * @param message the message
 * @param position its per-room position: the record's offset in the room's partition,
 * which only grows and is the same for every reader
 */
public record DeliveredMessage(ChatMessage message, long position) {
}
