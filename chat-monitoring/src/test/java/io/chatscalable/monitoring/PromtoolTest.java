package io.chatscalable.monitoring;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.chatscalable.infra.monitoring.PrometheusConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus' own checker on chat-monitoring's files: the configuration (with the rule
 * files it loads), every rule file, and the alerts' unit tests
 * ({@code prometheus/tests/}). The checked-in configuration is the one the local run
 * renders for its defaults.
 */
class PromtoolTest {

	private final Path prometheus = MonitoringTools.folder().resolve("prometheus");

	@Test
	void configurationPassesPromtool() throws Exception {
		Path promtool = MonitoringTools.promtool();
		Result result = run(promtool.toString(), "check", "config",
				this.prometheus.resolve("prometheus.yml").toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void alertRulesPassPromtool() throws Exception {
		Path promtool = MonitoringTools.promtool();
		List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
		ruleFiles().forEach((file) -> command.add(file.toString()));
		assertThat(command).hasSizeGreaterThan(3);
		Result result = run(command.toArray(String[]::new));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).doesNotContain("FAILED");
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyAlertFiresOnItsConditionAndNotBelowIt() throws Exception {
		Path promtool = MonitoringTools.promtool();
		// The unit tests compare annotations too; MonitoringFilesTest checks those, so
		// the tests run against the rules without them.
		Path work = Files.createDirectories(Path.of("target", "promtool"));
		Map<String, Object> rules;
		try (Reader reader = Files.newBufferedReader(this.prometheus.resolve("rules/chat-alerts.yml"))) {
			rules = new Yaml().load(reader);
		}
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			((List<Map<String, Object>>) group.get("rules")).forEach((rule) -> rule.remove("annotations"));
		}
		Files.writeString(work.resolve("chat-alerts.yml"), new Yaml().dump(rules));
		Path tests = Files.copy(this.prometheus.resolve("tests/chat-alerts.test.yml"),
				work.resolve("chat-alerts.test.yml"), StandardCopyOption.REPLACE_EXISTING);

		Result result = run(promtool.toString(), "test", "rules", tests.toString());

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void checkedInConfigurationIsTheLocalRunsForItsDefaults() throws IOException {
		// run-local's defaults: two nodes from port 8080, scraped on their management
		// ports 8180 and 8181.
		PrometheusConfig defaults = new PrometheusConfig(PrometheusConfig.loopbackTargets(List.of(8180, 8181)),
				"rules/*.yml", Duration.ofSeconds(5));
		assertThat(Files.readString(this.prometheus.resolve("prometheus.yml"))).isEqualTo(defaults.render());
	}

	private List<Path> ruleFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.prometheus.resolve("rules"))) {
			return files.filter((file) -> file.toString().endsWith(".yml")).sorted().toList();
		}
	}

	private static Result run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("promtool did not finish: " + String.join(" ", command));
		}
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
