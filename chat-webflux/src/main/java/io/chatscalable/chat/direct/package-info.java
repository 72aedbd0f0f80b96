/**
 * Direct conversations over REST: {@code POST /api/direct/{userId}} finds or creates the
 * private room of two users (the room feature's {@code DirectRooms} keeps it unique per
 * pair).
 */
package io.chatscalable.chat.direct;
