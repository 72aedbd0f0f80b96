package io.chatscalable.monitoring;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions of chat-monitoring's files that no tool checks: every alert carries a
 * {@code for}, a severity and both annotations and selects the chat nodes' job; every
 * dashboard panel uses the provisioned datasource and selects that job; the provisioning
 * files name what the dashboards and the compose cluster expect.
 */
class MonitoringFilesTest {

	private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

	private final Path folder = MonitoringTools.folder();

	@Test
	@SuppressWarnings("unchecked")
	void everyAlertHasForSeverityAnnotationsAndSelectsTheNodesJob() throws IOException {
		List<Map<String, Object>> rules = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.folder.resolve("prometheus/rules"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yml")).toList()) {
				try (Reader reader = Files.newBufferedReader(file)) {
					Map<String, Object> content = new Yaml().load(reader);
					for (Map<String, Object> group : (List<Map<String, Object>>) content.get("groups")) {
						rules.addAll((List<Map<String, Object>>) group.get("rules"));
					}
				}
			}
		}
		Set<String> names = new HashSet<>();
		for (Map<String, Object> rule : rules) {
			String name = (String) rule.get("alert");
			assertThat(name).as("every rule is an alert: %s", rule).isNotBlank();
			assertThat(names.add(name)).as("unique alert name %s", name).isTrue();
			assertThat(rule.get("for")).as("%s has a for", name).isNotNull();
			Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
			assertThat(labels).as("%s has labels", name).isNotNull();
			assertThat(SEVERITIES).as("%s severity", name).contains((String) labels.get("severity"));
			Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
			assertThat(annotations).as("%s has annotations", name).containsKeys("summary", "description");
			assertThat((String) rule.get("expr")).as("%s selects the nodes", name).contains("job=\"chat-node\"");
		}
		// A node down, feed lag, store lag, dead letters, FAILED outbox rows, nacks.
		assertThat(names).contains("ChatNodeDown", "ChatFeedLagging", "ChatStoreLagging", "ChatDeadLetters",
				"ChatOutboxFailedRows", "ChatNacksHigh");
	}

	@Test
	void everyPanelUsesTheProvisionedDatasourceAndSelectsTheNodesJob() {
		Set<String> uids = new HashSet<>();
		for (Path file : Dashboards.files()) {
			JsonNode dashboard = Dashboards.read(file);
			assertThat(uids.add(dashboard.path("uid").asString())).as("unique uid in %s", file).isTrue();
			int targets = 0;
			for (JsonNode panel : dashboard.path("panels")) {
				if ("row".equals(panel.path("type").asString())) {
					continue;
				}
				String title = panel.path("title").asString();
				assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("prometheus");
				assertThat(panel.path("description").asString()).as("%s is described", title).isNotBlank();
				assertThat(panel.path("targets")).as("%s has queries", title).isNotEmpty();
				for (JsonNode target : panel.path("targets")) {
					targets++;
					assertThat(target.path("expr").asString()).as(title).contains("job=\"chat-node\"");
				}
			}
			assertThat(targets).as("queries in %s", file).isGreaterThan(10);
		}
		assertThat(uids).containsExactlyInAnyOrder("chat-overview", "chat-jvm");
		// Every variable the dashboards use is one the query test knows how to fill.
		assertThat(Dashboards.queries()).allSatisfy((query) -> assertThat(query.expression()).doesNotContain("$"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void provisioningNamesTheDatasourceUidAndTheDashboardFolder() throws IOException {
		Map<String, Object> datasources;
		try (Reader reader = Files
			.newBufferedReader(this.folder.resolve("grafana/provisioning/datasources/prometheus.yml"))) {
			datasources = new Yaml().load(reader);
		}
		Map<String, Object> datasource = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
		assertThat(datasource).containsEntry("uid", "prometheus").containsEntry("type", "prometheus");
		Map<String, Object> providers;
		try (Reader reader = Files.newBufferedReader(this.folder.resolve("grafana/provisioning/dashboards/chat.yml"))) {
			providers = new Yaml().load(reader);
		}
		Map<String, Object> provider = ((List<Map<String, Object>>) providers.get("providers")).get(0);
		assertThat((Map<String, Object>) provider.get("options")).containsEntry("path", "/var/lib/grafana/dashboards");
	}

}
