/**
 * Presence: who of a room's members has at least one open socket on some node, kept in
 * Redis with per-node entries that expire unless renewed (see
 * {@link io.chatscalable.chat.presence.PresenceStore} for the keys and
 * {@link io.chatscalable.chat.presence.PresenceTracker} for the timings), announced with
 * {@code presence} frames through the signal bus, and listed by {@code GET
 * /api/rooms/{id}/members}.
 */
package io.chatscalable.chat.presence;
