/**
 * One WebSocket per bot user, all on one shared Reactor Netty event loop group.
 * <p>
 * Lifecycle of a {@link io.chatscalable.bot.socket.BotConnection}: connect to its node,
 * wait for {@code welcome}, {@code join} every room, then send when the pacer ticks, one
 * {@code send} in flight at a time (the server reads a socket's next frame only after the
 * ack, so pipelining would only hide latency in the socket). A {@code nack} or an
 * {@code error} answering a send is retried with the same {@code clientMessageId} after a
 * short backoff. When the socket closes (1001, 4000, an error, anything but our own
 * close), it reconnects to the next node and re-joins with {@code lastSeenPosition}; the
 * unacked send is then sent again.
 * <p>
 * Bounds: each socket's outbound queue holds the joins and one send; ticks that come
 * while a send is in flight wait as a counter of at most {@code MAX_BACKLOG}, beyond
 * which they are skipped and counted.
 */
package io.chatscalable.bot.socket;
