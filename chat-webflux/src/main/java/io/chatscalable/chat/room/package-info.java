/**
 * Rooms and memberships: creation, joining and leaving (with their RoomCreated,
 * MemberJoined and MemberLeft events written through the outbox), listing; the Redis
 * projection of room summaries and memberships; the membership check of socket joins
 * (PostgreSQL, then the projection); and the live feed of room events that every node
 * relays to its sockets.
 */
package io.chatscalable.chat.room;
