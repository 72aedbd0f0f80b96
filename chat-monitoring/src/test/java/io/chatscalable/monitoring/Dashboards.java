package io.chatscalable.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of chat-monitoring's Grafana dashboards: every panel target's expression and
 * every template variable's query, with Grafana's variables replaced by what they stand
 * for in a test run.
 */
final class Dashboards {

	/**
	 * Grafana's built-in variables and the dashboards' own, as a test run fills them in:
	 * every node, and windows that fit a one-second scrape interval.
	 */
	static final Map<String, String> VARIABLES = Map.of("$__rate_interval", "30s", "$__interval", "5s", "$__range",
			"5m", "${node}", ".*", "$node", ".*");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*([a-zA-Z_]+)\\)");

	private Dashboards() {
	}

	/** One expression and where it comes from. */
	record Query(String dashboard, String panel, String expression) {

		@Override
		public String toString() {
			return this.dashboard + " / " + this.panel + ": " + this.expression;
		}

	}

	/** Every dashboard file of chat-monitoring. */
	static List<Path> files() {
		try (Stream<Path> files = Files.list(MonitoringTools.folder().resolve("grafana/dashboards"))) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode read(Path file) {
		return JsonMapper.builder().build().readTree(file.toFile());
	}

	/** Every query of every dashboard, variables filled in. */
	static List<Query> queries() {
		List<Query> queries = new ArrayList<>();
		for (Path file : files()) {
			JsonNode dashboard = read(file);
			String title = dashboard.path("title").asString();
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				String query = variable.path("query").isObject() ? variable.path("query").path("query").asString()
						: variable.path("query").asString();
				if ("query".equals(variable.path("type").asString())) {
					queries.add(new Query(title, "variable " + variable.path("name").asString(), labelValues(query)));
				}
			}
			collect(title, dashboard.path("panels"), queries);
		}
		return queries;
	}

	private static void collect(String dashboard, JsonNode panels, List<Query> queries) {
		for (JsonNode panel : panels) {
			collect(dashboard, panel.path("panels"), queries);
			for (JsonNode target : panel.path("targets")) {
				String expression = target.path("expr").asString();
				if (!expression.isBlank()) {
					queries.add(new Query(dashboard,
							panel.path("title").asString() + " [" + target.path("refId").asString() + "]",
							fill(expression)));
				}
			}
		}
	}

	/** Grafana's {@code label_values(selector, label)} as the PromQL it amounts to. */
	static String labelValues(String query) {
		Matcher matcher = LABEL_VALUES.matcher(query.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a label_values(selector, label) query: " + query);
		}
		return "group by (" + matcher.group(2) + ") (" + fill(matcher.group(1)) + ")";
	}

	static String fill(String expression) {
		String filled = expression;
		// Longest first: $__rate_interval before $__range and $node.
		List<String> names = VARIABLES.keySet()
			.stream()
			.sorted((a, b) -> Integer.compare(b.length(), a.length()))
			.toList();
		for (String name : names) {
			filled = filled.replace(name, VARIABLES.get(name));
		}
		if (filled.contains("$")) {
			throw new IllegalArgumentException("A variable the test does not know: " + expression);
		}
		return filled;
	}

}
