/**
 * Read state: each member's last-read position per room.
 * <p>
 * A mark ({@code read} frame or {@code PUT /api/rooms/{id}/read}) raises the position in
 * Redis with one script (never lower: the answer is the stored maximum), queues it for
 * PostgreSQL ({@link ReadStateWriter}: coalesced per room and member, one statement per
 * flush), and hands a read signal to the signal bus (receipts to the room, read state to
 * the reader's other sockets). PostgreSQL's {@code room_members.last_read_position} is
 * the durable copy; Redis is ahead of it by at most a flush. Readers take the larger of
 * the two. Nothing here runs per chat message.
 */
package io.chatscalable.chat.read;
