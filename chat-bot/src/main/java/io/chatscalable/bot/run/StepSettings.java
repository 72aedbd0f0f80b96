package io.chatscalable.bot.run;

import java.time.Duration;

/**
 * Step mode: rounds with more users each time, until one is not clean.
 *
 * @param start users in the first round
 * @param step users added per round
 * @param max users of the last round at most
 * @param duration the measured window of each round
 * @param warmUp the warm-up of each round
 * @param rampUp the ramp-up of each round
 * @param p99Threshold a clean round's receive p99 is below this
 */
public record StepSettings(int start, int step, int max, Duration duration, Duration warmUp, Duration rampUp,
		Duration p99Threshold) {
}
