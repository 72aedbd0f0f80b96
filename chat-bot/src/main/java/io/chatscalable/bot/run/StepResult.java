package io.chatscalable.bot.run;

import java.util.List;

/**
 * What step mode found.
 *
 * @param settings what was asked
 * @param rounds every round run, the last one the first that was not clean (unless the
 * maximum was reached)
 * @param largestCleanUsers users of the largest clean round, 0 if none was clean
 * @param stopReason why the rounds stopped
 */
public record StepResult(StepSettings settings, List<Round> rounds, int largestCleanUsers, String stopReason) {

	/**
	 * One round.
	 *
	 * @param users its users
	 * @param clean nothing lost, duplicated or reordered, everything set up, and the
	 * receive p99 below the threshold
	 * @param reason why it is not clean, or {@code null}
	 * @param result its measurements
	 */
	public record Round(int users, boolean clean, String reason, ScenarioResult result) {
	}

}
