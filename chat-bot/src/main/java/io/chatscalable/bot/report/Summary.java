package io.chatscalable.bot.report;

import java.util.Locale;

import io.chatscalable.bot.accounting.LatencyHistogram.Percentiles;
import io.chatscalable.bot.accounting.Verdict;
import io.chatscalable.bot.chaos.ChaosResult;
import io.chatscalable.bot.chaos.FaultEvent;
import io.chatscalable.bot.chaos.SideTraffic;
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
		line(text, "  result        %s",
				v.passed() ? "PASS: every message acked in time, nothing lost, duplicated" + " or out of order"
						: "FAIL: unacked, late, lost, duplicated or out of order (see below)");
		line(text,
				"  messages      attempted %d, acked %d, unacked %d (given up %d; of them delivered to all %d,"
						+ " to some %d, to none %d), past the %d s deadline %d, slowest ack %.0f ms",
				v.sent(), v.acked(), v.unacked(), v.gaveUp(), v.unackedFates().toAll(), v.unackedFates().toSome(),
				v.unackedFates().toNone(), s.sendDeadline().toSeconds(), v.overDeadline(), v.slowestAckMillis());
		line(text,
				"  deliveries    owed %d, made %d (%d merged from history), lost %d (in %d messages; plus %d of"
						+ " unacked messages), duplicates %d",
				v.expectedDeliveries(), v.uniqueDeliveries(), v.recoveredDeliveries(), v.lost(), v.messagesWithLoss(),
				v.unackedFates().lostDeliveries(), v.duplicates());
		line(text,
				"  order         position regressions %d, sender regressions %d, position conflicts %d,"
						+ " misrouted %d",
				v.positionRegressions(), v.sequenceRegressions(), v.positionConflicts(), v.misrouted());
		line(text, "  throughput    in %.1f msg/s, out %.1f deliveries/s (measured window)", result.messagesPerSecond(),
				result.deliveriesPerSecond());
		line(text, "  ack latency   %s (from when due)", latency(result.ackLatency()));
		line(text, "  recv latency  %s (from when due)", latency(result.receiveLatency()));
		if (result.ackLatencyFromSend() != null) {
			line(text, "  from send     ack p99 %.2f ms, max %.2f; receive p99 %.2f ms, max %.2f",
					result.ackLatencyFromSend().p99(), result.ackLatencyFromSend().max(),
					result.receiveLatencyFromSend().p99(), result.receiveLatencyFromSend().max());
		}
		ConnectionStats.Snapshot k = result.sockets();
		line(text,
				"  sockets       connects %d, connect failures %d, disconnects %d %s, reconnects %d," + " abandoned %d",
				k.connects(), k.connectFailures(), k.disconnects(), k.closeCodes(), k.reconnects(), k.abandoned());
		line(text,
				"  sends         nacks %d, send errors %d, join errors %d, retries %d, skipped ticks %d,"
						+ " recoveries %s",
				k.nacks(), k.sendErrors(), k.joinErrors(), k.retries(), k.skippedTicks(), k.recoveries());
		if (k.social().readsSent() + k.social().typingSent() > 0) {
			ConnectionStats.Social social = k.social();
			line(text,
					"  social        reads sent %d, marked-read %d, receipts %d, read-state %d; typing sent %d,"
							+ " received %d; presence %d; errors %d",
					social.readsSent(), social.markedRead(), social.readReceipts(), social.readStates(),
					social.typingSent(), social.typingReceived(), social.presence(), social.errors());
		}
		line(text,
				"  recovery      history reloads %d (failed %d), merged %d, already had %d, live overlaps %d;"
						+ " deadline give-ups %d",
				k.history().reloads(), k.history().failures(), k.history().merged(), k.history().alreadySeen(),
				k.history().overlaps(), k.deadlineGiveUps());
		line(text, "  timing        set-up %d ms, connect and join %d ms, drain %d ms (%s)", result.setupMillis(),
				result.connectMillis(), result.drainMillis(),
				result.drained() ? "complete" : "timed out with deliveries owed");
		if (!v.examples().isEmpty()) {
			line(text, "  examples:");
			v.examples().forEach((example) -> line(text, "    - %s", example));
		}
		return text.toString();
	}

	/** A chaos run's faults and side traffic. */
	public static String of(ChaosResult chaos) {
		StringBuilder text = new StringBuilder();
		line(text, "== chaos %s: fault %d ms into the measured phase, for %d ms, then %d ms of load ==",
				chaos.scenario(), chaos.faultAfterMillis(), chaos.faultForMillis(), chaos.settleMillis());
		for (FaultEvent event : chaos.events()) {
			line(text, "  %8d ms  %-26s %s in %d ms  %s", event.atMillis(), event.path(),
					event.ok() ? "done" : "FAILED", event.tookMillis(), event.answer());
		}
		if (chaos.error() != null) {
			line(text, "  timeline stopped: %s", chaos.error());
		}
		if (!chaos.faultsApplied()) {
			line(text, "  FAIL: not every fault step was applied; the run proves nothing about that fault");
		}
		SideTraffic.Result side = chaos.sideTraffic();
		if (side != null) {
			line(text,
					"  side traffic  signups %d, rooms created %d, failed requests %d; room-created checked on %d"
							+ " sockets that stayed connected: missing %d, duplicates %d, unexpected rooms %d",
					side.signups(), side.roomsCreated(), side.failures(), side.checkedSockets(), side.missing(),
					side.duplicates(), side.unexpected());
			side.examples().forEach((example) -> line(text, "    - %s", example));
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
