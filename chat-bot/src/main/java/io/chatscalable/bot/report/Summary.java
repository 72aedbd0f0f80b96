package io.chatscalable.bot.report;

import java.util.Locale;

import io.chatscalable.bot.accounting.LatencyHistogram.Percentiles;
import io.chatscalable.bot.accounting.Verdict;
import io.chatscalable.bot.run.ScenarioResult;
import io.chatscalable.bot.run.ScenarioSettings;
import io.chatscalable.bot.run.StepResult;
import io.chatscalable.bot.socket.ConnectionStats;

/**
 * The readable summary of a scenario and of step mode.
 */
public final class Summary {

	private Summary() {
	}

	/** A scenario's summary, several lines. */
	public static String of(ScenarioResult result) {
		ScenarioSettings s = result.settings();
		StringBuilder text = new StringBuilder();
		line(text,
				"== %s: %d users, %d rooms of %d, %s msg/s per user, %d-character messages, %.0f s measured"
						+ " (run %s) ==",
				result.label(), s.users(), result.rooms(), s.roomSize(), number(s.rate()), s.messageSize(),
				result.measuredSeconds(), result.runId());
		if (result.error() != null) {
			line(text, "  result        NOT RUN: %s", result.error());
			return text.toString();
		}
		Verdict v = result.verdict();
		line(text, "  result        %s", v.passed() ? "PASS: nothing lost, duplicated or out of order"
				: "FAIL: lost, duplicated or out of order (see below)");
		line(text, "  messages      sent %d, acked %d, unacked %d (given up %d; delivered anyway %d)", v.sent(),
				v.acked(), v.unacked(), v.gaveUp(), v.unackedDelivered());
		line(text, "  deliveries    owed %d, made %d, lost %d (in %d messages), duplicates %d", v.expectedDeliveries(),
				v.uniqueDeliveries(), v.lost(), v.messagesWithLoss(), v.duplicates());
		line(text,
				"  order         position regressions %d, sender regressions %d, position conflicts %d,"
						+ " misrouted %d",
				v.positionRegressions(), v.sequenceRegressions(), v.positionConflicts(), v.misrouted());
		line(text, "  throughput    in %.1f msg/s, out %.1f deliveries/s (measured window)", result.messagesPerSecond(),
				result.deliveriesPerSecond());
		line(text, "  ack latency   %s", latency(result.ackLatency()));
		line(text, "  recv latency  %s", latency(result.receiveLatency()));
		ConnectionStats.Snapshot k = result.sockets();
		line(text,
				"  sockets       connects %d, connect failures %d, disconnects %d %s, reconnects %d," + " abandoned %d",
				k.connects(), k.connectFailures(), k.disconnects(), k.closeCodes(), k.reconnects(), k.abandoned());
		line(text,
				"  sends         nacks %d, send errors %d, join errors %d, retries %d, skipped ticks %d,"
						+ " recoveries %s",
				k.nacks(), k.sendErrors(), k.joinErrors(), k.retries(), k.skippedTicks(), k.recoveries());
		line(text, "  timing        set-up %d ms, connect and join %d ms, drain %d ms (%s)", result.setupMillis(),
				result.connectMillis(), result.drainMillis(),
				result.drained() ? "complete" : "timed out with deliveries owed");
		if (!v.examples().isEmpty()) {
			line(text, "  examples:");
			v.examples().forEach((example) -> line(text, "    - %s", example));
		}
		return text.toString();
	}

	/** Step mode's summary: one line per round, then the answer. */
	public static String of(StepResult result) {
		StringBuilder text = new StringBuilder();
		line(text,
				"== step mode: +%d users per round from %d, %d s measured per round, clean = nothing lost,"
						+ " duplicated or reordered and receive p99 < %d ms ==",
				result.settings().step(), result.settings().start(), result.settings().duration().toSeconds(),
				result.settings().p99Threshold().toMillis());
		for (StepResult.Round round : result.rounds()) {
			ScenarioResult r = round.result();
			if (r.error() != null) {
				line(text, "  %6d users  NOT RUN  %s", round.users(), r.error());
				continue;
			}
			line(text,
					"  %6d users  %-7s in %8.1f msg/s  out %9.1f/s  recv p50 %7.1f p99 %7.1f max %8.1f ms"
							+ "  lost %d dup %d order %d%s",
					round.users(), round.clean() ? "clean" : "UNCLEAN", r.messagesPerSecond(), r.deliveriesPerSecond(),
					r.receiveLatency().p50(), r.receiveLatency().p99(), r.receiveLatency().max(), r.verdict().lost(),
					r.verdict().duplicates(), r.verdict().orderProblems(),
					(round.reason() != null) ? "  (" + round.reason() + ")" : "");
		}
		line(text, "  largest clean round: %s",
				(result.largestCleanUsers() > 0) ? result.largestCleanUsers() + " users" : "none");
		line(text, "  stopped at: %s", result.stopReason());
		return text.toString();
	}

	private static String latency(Percentiles p) {
		return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f, mean %.2f (n=%d)",
				p.p50(), p.p90(), p.p99(), p.p999(), p.max(), p.mean(), p.count());
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	private static void line(StringBuilder text, String format, Object... args) {
		text.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}
