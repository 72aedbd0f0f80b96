/**
 * Running scenarios. A scenario goes through set-up (REST logins, rooms and memberships;
 * then every socket connects and joins all its rooms), sending (ramp-up, warm-up, the
 * measured window), drain (no new sends; wait until every acked message reached every
 * member, or the drain time is up) and close. Step mode runs fresh scenarios with more
 * users each round.
 * <p>
 * Timing: one process, one clock ({@link System#nanoTime()}); a message is measured when
 * its first send falls in the measured window. Throughput is measured messages and their
 * deliveries divided by the window's length.
 */
package io.chatscalable.bot.run;
