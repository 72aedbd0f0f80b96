package io.chatscalable.bot.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;

/**
 * Applies a scenario's plan, step by step, on the calling thread: wait, inject, wait,
 * heal. Every step is bounded ({@link FaultClient#STEP_TIMEOUT}); a failed step is
 * recorded and the plan goes on, so that what was broken still gets healed.
 */
final class FaultTimeline {

	private final FaultClient client;

	private final List<FaultEvent> events = new CopyOnWriteArrayList<>();

	FaultTimeline(FaultClient client) {
		this.client = client;
	}

	/**
	 * Runs the plan.
	 * @param origin {@link System#nanoTime()} when the measured window opened
	 * @param faultAfter the wait before the first step
	 * @param plan the steps
	 */
	void run(long origin, Duration faultAfter, List<ChaosScenario.FaultStep> plan) throws InterruptedException {
		pause(faultAfter);
		String lastNode = null;
		for (ChaosScenario.FaultStep step : plan) {
			if (step.path().contains(ChaosScenario.FaultStep.LAST_NODE) && lastNode == null) {
				// The step that was to name the node failed: there is nothing to heal.
				this.events.add(new FaultEvent(step.path(), 0, 0, false, "skipped: no node named by the step before"));
				continue;
			}
			String path = step.path().replace(ChaosScenario.FaultStep.LAST_NODE, String.valueOf(lastNode));
			long begin = System.nanoTime();
			try {
				JsonNode answer = this.client.apply(path);
				if (answer.has("node")) {
					lastNode = answer.path("node").asString();
				}
				this.events.add(event(origin, begin, path, true, answer.toString()));
			}
			catch (IOException | RuntimeException ex) {
				this.events.add(event(origin, begin, path, false, ex.getMessage()));
			}
			pause(step.waitAfter());
		}
	}

	List<FaultEvent> events() {
		return List.copyOf(this.events);
	}

	private static FaultEvent event(long origin, long begin, String path, boolean ok, String answer) {
		long now = System.nanoTime();
		return new FaultEvent(path, (begin - origin) / 1_000_000, (now - begin) / 1_000_000, ok, answer);
	}

	private static void pause(Duration duration) throws InterruptedException {
		if (!duration.isZero()) {
			Thread.sleep(duration.toMillis());
		}
	}

}
