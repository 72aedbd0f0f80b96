package io.chatscalable.bot.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.chatscalable.bot.chaos.ChaosResult;
import io.chatscalable.bot.run.ScenarioResult;
import io.chatscalable.bot.run.StepResult;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON report ({@code --report}): every figure of the summary, machine-readable.
 *
 * @param runId the run id
 * @param finishedAt when the run finished
 * @param nodes the nodes
 * @param passed nothing was lost, duplicated or out of order in any scenario
 * @param classic the classic test, or {@code null}
 * @param step step mode, or {@code null}
 * @param chaos the chaos run's faults and side traffic, or {@code null}
 */
public record JsonReport(String runId, Instant finishedAt, List<URI> nodes, boolean passed, ScenarioResult classic,
		StepResult step, ChaosResult chaos) {

	/** Writes the report, creating parent folders. */
	public void write(Path path) {
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		try {
			Path parent = path.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(path, json.writeValueAsString(this));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the report to " + path, ex);
		}
	}

}
