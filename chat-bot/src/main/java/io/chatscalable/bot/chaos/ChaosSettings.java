package io.chatscalable.bot.chaos;

import java.net.URI;
import java.time.Duration;

/**
 * A chaos run.
 *
 * @param scenario the fault
 * @param control the local run's fault control endpoint
 * @param faultAfter how long after the measured window opens the fault is injected
 * @param faultFor how long the fault lasts before it is healed
 * @param settle how long the load goes on after the last step, before the drain
 */
public record ChaosSettings(ChaosScenario scenario, URI control, Duration faultAfter, Duration faultFor,
		Duration settle) {

	public ChaosSettings {
		if (faultAfter.isNegative() || faultFor.isNegative() || settle.isNegative()) {
			throw new IllegalArgumentException("Chaos durations must not be negative");
		}
	}

}
