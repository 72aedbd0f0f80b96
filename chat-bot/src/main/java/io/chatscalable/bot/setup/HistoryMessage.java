package io.chatscalable.bot.setup;

/**
 * One stored message of a room's history page (GET /api/rooms/{id}/messages): the fields
 * the bot merges by.
 *
 * @param position the message's position in its room
 * @param content the message's content
 */
public record HistoryMessage(long position, String content) {
}
