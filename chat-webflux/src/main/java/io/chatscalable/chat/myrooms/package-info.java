/**
 * {@code GET /api/me/rooms}: the caller's rooms by last activity, with the last message's
 * preview and the unread count. Activity comes from {@code room_activity}, which the
 * message store keeps with one upsert per room per stored batch; read positions are the
 * larger of PostgreSQL's and Redis's ({@link io.chatscalable.chat.read.ReadPositions}).
 */
package io.chatscalable.chat.myrooms;
