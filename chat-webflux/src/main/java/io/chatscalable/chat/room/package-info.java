/**
 * Rooms and memberships: creation, joining and leaving (with their RoomCreated,
 * MemberJoined and MemberLeft events written through the outbox), listing; who may see a
 * room ({@code RoomAccess}: public rooms to everyone, private rooms and direct
 * conversations to their members only, 404 to anyone else); members adding members
 * ({@code RoomInvitations}); direct conversations, one per pair ({@code DirectRooms});
 * the Redis projection of room summaries and memberships; the membership check of socket
 * joins (PostgreSQL, then the projection); and the live feed of room events that every
 * node relays to its sockets.
 */
package io.chatscalable.chat.room;
