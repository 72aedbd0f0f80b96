/**
 * Accounting of one scenario: every message the bot sent, its ack, and every delivery to
 * every recipient.
 * <p>
 * <b>Completeness rule.</b> Every socket joins all of its rooms before the first send of
 * the scenario, and stays joined (a reconnect re-joins with {@code lastSeenPosition}). So
 * every member of a room, the sender included, must receive every message of that room
 * that was acked.
 * <p>
 * <b>Every attempted message counts.</b> A message is sent from its first send attempt,
 * acked or not. One never acked (given up after nacks or errors or at its deadline, or
 * still in flight at the end) fails the run, and its fate is reported: delivered to all,
 * some or none of its room; the members an unacked-but-partly-delivered message missed
 * count as lost. Each send has a deadline (default 30 s) from when it was <i>due</i>; a
 * later ack, or none, fails the run.
 * <p>
 * <b>Latency</b> is measured from when the message was due by the pacer's schedule, not
 * from when it left the socket, so a stalled server cannot hide its stall by holding the
 * next sends back (coordinated omission); the send-time figures are kept for comparison.
 * <p>
 * <b>Recovery.</b> Messages a client merges from a history page after a rejoin
 * ({@link Ledger#recovered}) count like live deliveries for loss, duplicates and position
 * conflicts, but not for order: a merge by position puts each in its place.
 * <p>
 * <b>Duplicates</b>: the same message (same sender and sequence, hence the same
 * {@code clientMessageId} and {@code messageId}) delivered twice to one recipient.
 * <b>Order</b>: each recipient's positions in a room strictly increase, each message has
 * one position everywhere (ack and every delivery agree), and each recipient sees each
 * sender's sequence numbers increase. Together these mean all recipients of a room see
 * one sequence.
 * <p>
 * Concurrency: deliveries arrive on event-loop threads, acks too; the per-message
 * delivery bit sets are lock-free, and each recipient's order state is guarded by its own
 * monitor (uncontended: one socket per user).
 */
package io.chatscalable.bot.accounting;
