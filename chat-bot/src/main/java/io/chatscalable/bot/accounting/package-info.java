/**
 * Accounting of one scenario: every message the bot sent, its ack, and every delivery to
 * every recipient.
 * <p>
 * <b>Completeness rule.</b> Every socket joins all of its rooms before the first send of
 * the scenario, and stays joined (a reconnect re-joins with {@code lastSeenPosition}). So
 * every member of a room, the sender included, must receive every message of that room
 * that was acked. A message that was never acked (given up after nacks, or still in
 * flight at the end) is not expected anywhere; if it arrives anyway it is counted, not
 * blamed.
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
