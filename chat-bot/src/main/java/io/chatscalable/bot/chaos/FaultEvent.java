package io.chatscalable.bot.chaos;

/**
 * One applied fault step.
 *
 * @param path the control path asked
 * @param atMillis when it was asked, in ms after the measured window opened
 * @param tookMillis how long it took to answer
 * @param ok whether it succeeded
 * @param answer the endpoint's answer, or the error
 */
public record FaultEvent(String path, long atMillis, long tookMillis, boolean ok, String answer) {
}
