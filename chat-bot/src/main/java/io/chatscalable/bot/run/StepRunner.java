package io.chatscalable.bot.run;

import java.util.ArrayList;
import java.util.List;

import io.chatscalable.bot.setup.SetupException;

/**
 * Step mode: fresh scenarios with {@code step} more users each round, until a round is
 * not clean or the maximum is reached.
 */
public final class StepRunner {

	private final ScenarioRunner runner;

	public StepRunner(ScenarioRunner runner) {
		this.runner = runner;
	}

	/**
	 * Runs the rounds.
	 * @param runId the run id; round {@code n} uses {@code <runId>s<n>}
	 * @param base the scenario whose room size, rate and message size every round keeps
	 * @param steps the step settings
	 * @return the rounds and the largest clean one
	 */
	public StepResult run(String runId, ScenarioSettings base, StepSettings steps) {
		List<StepResult.Round> rounds = new ArrayList<>();
		int largestClean = 0;
		String stopReason = "reached --step-max " + steps.max();
		for (int round = 1, users = steps.start(); users <= steps.max(); round++, users += steps.step()) {
			ScenarioSettings settings = base.forRound(users, steps.rampUp(), steps.warmUp(), steps.duration());
			String label = "round " + round;
			ScenarioResult result;
			try {
				result = this.runner.run(label, runId + "s" + round, settings);
			}
			catch (SetupException ex) {
				result = ScenarioResult.notRun(label, runId + "s" + round, settings, ex.getMessage());
			}
			String reason = uncleanReason(result, steps);
			rounds.add(new StepResult.Round(users, reason == null, reason, result));
			if (reason != null) {
				stopReason = "round " + round + " (" + users + " users): " + reason;
				break;
			}
			largestClean = users;
		}
		return new StepResult(steps, List.copyOf(rounds), largestClean, stopReason);
	}

	static String uncleanReason(ScenarioResult result, StepSettings steps) {
		if (result.error() != null) {
			return "not set up: " + result.error();
		}
		if (result.failedDelivery()) {
			return "lost " + result.verdict().lost() + ", duplicated " + result.verdict().duplicates()
					+ ", out of order " + result.verdict().orderProblems();
		}
		double thresholdMillis = steps.p99Threshold().toNanos() / 1e6;
		if (result.receiveLatency().p99() >= thresholdMillis) {
			return String.format("receive p99 %.1f ms >= %.0f ms", result.receiveLatency().p99(), thresholdMillis);
		}
		if (result.sockets().abandoned() > 0) {
			return result.sockets().abandoned() + " users could not stay connected";
		}
		if (result.sockets().skippedTicks() > 0) {
			return result.sockets().skippedTicks() + " sends skipped: the bot could not keep the rate";
		}
		return null;
	}

}
