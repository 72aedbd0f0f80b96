package io.chatscalable.bot;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import io.chatscalable.bot.chaos.ChaosSettings;
import io.chatscalable.bot.run.ScenarioSettings;
import io.chatscalable.bot.run.StepSettings;

/**
 * The bot's command line, parsed (see {@link BotOptionsParser#USAGE}).
 *
 * @param nodes the nodes' base URLs; users are spread over them round-robin
 * @param scenario the classic test; its duration is zero when it is skipped
 * @param step step mode, or {@code null} when off
 * @param runId the run id (in usernames, room names, contents and client message ids)
 * @param report where to write the JSON report, or {@code null}
 * @param eventLoops event loop threads for all sockets
 * @param progress whether to print a progress line every second
 * @param help whether only the usage was asked for
 * @param chaos the chaos run, or {@code null} for none
 */
public record BotOptions(List<URI> nodes, ScenarioSettings scenario, StepSettings step, String runId, Path report,
		int eventLoops, boolean progress, boolean help, ChaosSettings chaos) {

	/** Whether the classic test runs. */
	public boolean classic() {
		return !this.scenario.duration().isZero();
	}

}
