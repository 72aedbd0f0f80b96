package io.chatscalable.bot;

import java.io.PrintStream;
import java.time.Instant;

import io.chatscalable.bot.chaos.ChaosResult;
import io.chatscalable.bot.chaos.ChaosRun;
import io.chatscalable.bot.report.JsonReport;
import io.chatscalable.bot.report.Summary;
import io.chatscalable.bot.run.ScenarioResult;
import io.chatscalable.bot.run.ScenarioRunner;
import io.chatscalable.bot.run.StepResult;
import io.chatscalable.bot.run.StepRunner;
import io.chatscalable.bot.setup.SetupException;
import io.chatscalable.bot.socket.SocketResources;

/**
 * The command line: the classic test, then step mode if asked, then the summary, the
 * report and the exit code.
 */
public final class BotMain {

	/** Nothing lost, duplicated or out of order. */
	public static final int PASSED = 0;

	/** Something was lost, duplicated or out of order. */
	public static final int FAILED = 1;

	/** Bad options. */
	public static final int USAGE = 2;

	/** The scenario could not be set up. */
	public static final int NOT_SET_UP = 3;

	private BotMain() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs the bot.
	 * @param args the command line
	 * @param out where the summary goes
	 * @param err where progress and errors go
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		BotOptions options;
		try {
			options = BotOptionsParser.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(BotOptionsParser.USAGE);
			return USAGE;
		}
		if (options.help()) {
			out.println(BotOptionsParser.USAGE);
			return PASSED;
		}
		try (SocketResources sockets = new SocketResources(options.eventLoops())) {
			ScenarioRunner runner = new ScenarioRunner(options.nodes(), sockets, options.progress() ? err : null);
			ScenarioResult classic = null;
			ChaosResult chaos = null;
			if (options.classic()) {
				try {
					if (options.chaos() != null) {
						ChaosRun run = new ChaosRun(options.chaos());
						run.checkControl();
						classic = runner.run("chaos " + options.chaos().scenario().label(), options.runId(),
								options.scenario(), run);
						chaos = run.result();
					}
					else {
						classic = runner.run("classic", options.runId(), options.scenario());
					}
				}
				catch (SetupException | IllegalStateException ex) {
					err.println("The scenario could not be set up: " + ex.getMessage());
					return NOT_SET_UP;
				}
				out.print(Summary.of(classic));
				if (chaos != null) {
					out.print(Summary.of(chaos));
				}
			}
			StepResult step = null;
			if (options.step() != null) {
				step = new StepRunner(runner).run(options.runId(), options.scenario(), options.step());
				out.print(Summary.of(step));
			}
			boolean failed = (classic != null && classic.failedDelivery()) || (chaos != null && !chaos.passed())
					|| (step != null && step.rounds().stream().anyMatch((round) -> round.result().failedDelivery()));
			if (options.report() != null) {
				new JsonReport(options.runId(), Instant.now(), options.nodes(), !failed, classic, step, chaos)
					.write(options.report());
				out.println("Report written to " + options.report().toAbsolutePath());
			}
			return failed ? FAILED : PASSED;
		}
	}

}
