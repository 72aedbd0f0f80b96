package io.chatscalable.bot.chaos;

import java.util.List;

/**
 * What a chaos run did and saw, beside the scenario's books.
 *
 * @param scenario the scenario's name
 * @param faultAfterMillis the wait before the fault, after the measured window opened
 * @param faultForMillis how long the fault lasted (per node, for a rolling restart)
 * @param settleMillis the load after the last step, before the drain
 * @param events every fault step, in order
 * @param faultsApplied whether every step succeeded (a run whose faults did not happen
 * proves nothing)
 * @param sideTraffic signups and room creations during the fault, or {@code null}
 * @param error why the timeline stopped early, or {@code null}
 */
public record ChaosResult(String scenario, long faultAfterMillis, long faultForMillis, long settleMillis,
		List<FaultEvent> events, boolean faultsApplied, SideTraffic.Result sideTraffic, String error) {

	/** The faults happened, and the side traffic (if any) reached everybody once. */
	public boolean passed() {
		return this.faultsApplied && (this.sideTraffic == null || this.sideTraffic.passed());
	}

}
