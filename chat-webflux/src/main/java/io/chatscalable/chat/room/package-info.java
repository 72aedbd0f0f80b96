/**
 * Rooms and memberships: creation (with its RoomCreated event written through the
 * outbox), listing, joining and leaving; the Redis cache of room summaries; and the live
 * feed of created rooms that every node relays to its sockets.
 */
package io.chatscalable.chat.room;
