package io.chatscalable.bot.run;

import io.chatscalable.bot.accounting.LatencyHistogram.Percentiles;
import io.chatscalable.bot.accounting.Verdict;
import io.chatscalable.bot.socket.ConnectionStats;

/**
 * What one scenario measured.
 *
 * @param label "classic" or "round N"
 * @param runId the run id of its users and messages
 * @param settings what was asked
 * @param rooms rooms created
 * @param setupMillis REST set-up time
 * @param connectMillis time to connect every socket and join every room
 * @param measuredSeconds the measured window's length
 * @param drainMillis time spent waiting for the last deliveries
 * @param drained whether every owed delivery arrived before the drain time was up
 * @param messagesPerSecond measured messages sent per second (throughput in)
 * @param deliveriesPerSecond deliveries of measured messages per second (throughput out)
 * @param ackLatency due-to-ack latency of measured messages (judged: a stalled server
 * cannot hide its stall)
 * @param receiveLatency due-to-receive latency of measured messages, per recipient
 * @param ackLatencyFromSend first-send-to-ack latency of measured messages (for
 * comparison)
 * @param receiveLatencyFromSend first-send-to-receive latency, per recipient
 * @param verdict completeness, duplicates and order over all messages of the scenario
 * @param sockets socket events
 * @param error why the scenario could not run, or {@code null}
 */
public record ScenarioResult(String label, String runId, ScenarioSettings settings, int rooms, long setupMillis,
		long connectMillis, double measuredSeconds, long drainMillis, boolean drained, double messagesPerSecond,
		double deliveriesPerSecond, Percentiles ackLatency, Percentiles receiveLatency, Percentiles ackLatencyFromSend,
		Percentiles receiveLatencyFromSend, Verdict verdict, ConnectionStats.Snapshot sockets, String error) {

	/**
	 * Ran, every message was acked in time, and nothing was lost, duplicated or out of
	 * order.
	 */
	public boolean passed() {
		return this.error == null && this.verdict != null && this.verdict.passed();
	}

	/**
	 * A message was unacked or past its deadline, or something was lost, duplicated or
	 * out of order (not merely slow, or not set up).
	 */
	public boolean failedDelivery() {
		return this.verdict != null && !this.verdict.passed();
	}

	static ScenarioResult notRun(String label, String runId, ScenarioSettings settings, String error) {
		return new ScenarioResult(label, runId, settings, 0, 0, 0, 0, 0, false, 0, 0, null, null, null, null, null,
				null, error);
	}

}
