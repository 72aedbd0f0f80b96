/**
 * Typing notices: never stored. A socket's {@code typing} frame passes a per-node rate
 * (one per room and user per {@code chat.typing.interval}; faster repeats are dropped
 * silently) and becomes a typing signal ({@code io.chatscalable.chat.signal}), which
 * every node delivers as a {@code typing} frame with {@code expiresInMs} to the room's
 * other members. Clients expire it; the server keeps nothing once the signal is
 * published.
 */
package io.chatscalable.chat.typing;
