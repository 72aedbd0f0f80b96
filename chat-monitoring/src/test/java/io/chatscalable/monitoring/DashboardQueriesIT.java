package io.chatscalable.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.embedded.FreePorts;
import io.chatscalable.infra.embedded.GuardedProcess;
import io.chatscalable.infra.monitoring.PrometheusConfig;
import io.chatscalable.infra.monitoring.PrometheusServer;
import io.chatscalable.infra.testing.NodeProcesses;
import io.chatscalable.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every PromQL expression of chat-monitoring, run by a real Prometheus against two real
 * nodes (from the jar, on the test's PostgreSQL, Redis and Kafka) while chat-bot's users
 * chat through them: each alert rule loads and evaluates without error, and each
 * dashboard query parses and returns data.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DashboardQueriesIT {

	private static final String JWT_SECRET = "integration-test-secret-0123456789abcdef";

	/**
	 * Dashboard queries allowed to return nothing in this run, each with why. Every chat
	 * meter is registered up front (a nack code, a recovery outcome that never occurred
	 * reads 0), so this stays short.
	 */
	private static final Map<String, String> MAY_BE_EMPTY = Map.of();

	private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyDashboardAndAlertQueryWorksAgainstNodesUnderTraffic() throws Exception {
		Path prometheusBinary = MonitoringTools.prometheus();
		Path work = Path.of("target", "it-monitoring");
		Files.createDirectories(work);
		Endpoints endpoints = TestInfrastructure.endpoints();
		try (NodeProcesses nodes = NodeProcesses.start(2, nodeSettings(endpoints, work));
				PrometheusServer prometheus = PrometheusServer.start(prometheusBinary, config(nodes),
						work.resolve("prometheus"), FreePorts.next())) {
			GuardedProcess bot = startBot(nodes, work);
			try {
				PrometheusApi api = new PrometheusApi(prometheus.url());
				// Both nodes scraped and both acking sends.
				awaitTraffic(api, prometheus, nodes, work);
				List<String> failures = new ArrayList<>();
				List<Dashboards.Query> queries = Dashboards.queries();
				assertThat(queries).as("dashboard queries").hasSizeGreaterThan(20);
				List<String> report = new ArrayList<>();
				for (Dashboards.Query query : queries) {
					JsonNode answer = api.query(query.expression());
					report.add(query + " => " + answer.path("data").path("result").size() + " series, first: "
							+ answer.path("data").path("result").path(0).path("value").path(1).asString());
					if (!"success".equals(answer.path("status").asString())) {
						failures.add("does not parse: " + query + " -> " + answer.path("error").asString());
					}
					else if (answer.path("data").path("result").isEmpty() && !MAY_BE_EMPTY.containsKey(query.panel())) {
						failures.add("returns no data: " + query);
					}
				}
				// What each query answered, to read after a run.
				Files.write(work.resolve("queries.txt"), report);
				failures.addAll(ruleFailures(api));
				assertThat(failures).as("failing queries").isEmpty();
			}
			finally {
				bot.stop(Duration.ofSeconds(10));
			}
		}
	}

	private void awaitTraffic(PrometheusApi api, PrometheusServer prometheus, NodeProcesses nodes, Path work)
			throws IOException, InterruptedException {
		try {
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(
						api.series("sum by (node) (rate(chat_messages_acks_total{job=\"chat-node\"}[30s])) > 0"))
					.as(prometheus.logTail())
					.hasSize(2));
			// Then the users at their pace: a few sends per second over the window.
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(
						() -> assertThat(api.series("sum(rate(chat_messages_acks_total{job=\"chat-node\"}[30s])) > 2"))
							.hasSize(1));
		}
		finally {
			saveMetrics(nodes, work);
		}
	}

	/** Every alert rule loaded, evaluated without error, with its query parsing. */
	private static List<String> ruleFailures(PrometheusApi api) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode groups = api.rules();
			assertThat(groups).isNotEmpty();
			for (JsonNode group : groups) {
				for (JsonNode rule : group.path("rules")) {
					assertThat(rule.path("health").asString()).as(rule.path("name").asString()).isNotEqualTo("unknown");
				}
			}
		});
		List<String> failures = new ArrayList<>();
		int rules = 0;
		for (JsonNode group : api.rules()) {
			for (JsonNode rule : group.path("rules")) {
				rules++;
				String name = rule.path("name").asString();
				if (!"ok".equals(rule.path("health").asString())) {
					failures.add("rule " + name + " evaluates with error: " + rule.path("lastError").asString());
				}
				JsonNode answer = api.query(rule.path("query").asString());
				if (!"success".equals(answer.path("status").asString())) {
					failures.add("rule " + name + " does not parse: " + answer.path("error").asString());
				}
			}
		}
		assertThat(rules).as("alert rules loaded").isGreaterThanOrEqualTo(6);
		return failures;
	}

	private static NodeProcesses.Settings nodeSettings(Endpoints endpoints, Path work) {
		Path jar = Path.of(System.getProperty("chat.webflux.jar", "../chat-webflux/target/chat-webflux.jar"));
		return NodeProcesses.Settings.of(jar, work.resolve("nodes"), endpoints)
			.withProperties(Map.of("chat.auth.jwt-secret", JWT_SECRET, "chat.auth.bcrypt-strength", "4",
					"chat.outbox.poll-interval", "50ms", "chat.kafka.session-timeout", "6s",
					"chat.monitoring.poll-interval", "1s",
					// The bot plays all its users from one address.
					"chat.rate-limits.exempt-addresses", "127.0.0.1"));
	}

	private static PrometheusConfig config(NodeProcesses nodes) {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			ports.add(nodes.metricsPort(i));
		}
		String rules = MonitoringTools.folder()
			.resolve("prometheus/rules")
			.toAbsolutePath()
			.resolve("*.yml")
			.toString();
		return new PrometheusConfig(PrometheusConfig.loopbackTargets(ports), rules, SCRAPE_INTERVAL);
	}

	/** A few users chatting over both nodes for longer than the test needs. */
	private static GuardedProcess startBot(NodeProcesses nodes, Path work) {
		Path jar = Path.of(System.getProperty("chat.bot.jar", "../chat-bot/target/chat-bot.jar"));
		String nodeList = nodes.urls().stream().map(URI::toString).collect(Collectors.joining(","));
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-jar", jar.toAbsolutePath().toString(), "--nodes", nodeList, "--users", "8", "--room-size", "4",
				"--rate", "2", "--ramp-up", "1s", "--warm-up", "1s", "--duration", "3m", "--drain", "5s",
				"--setup-concurrency", "4", "--no-progress");
		return GuardedProcess.start("chat-bot", command, "TERM", work.resolve("bot.log"), Map.of());
	}

	/** Node 1's metrics as scraped, for reading when a query fails. */
	private void saveMetrics(NodeProcesses nodes, Path work) throws IOException, InterruptedException {
		URI metrics = URI.create("http://127.0.0.1:" + nodes.metricsPort(0) + PrometheusConfig.METRICS_PATH);
		String body = this.http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Files.writeString(work.resolve("node-1-metrics.txt"), body);
	}

}
