package io.chatscalable.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few calls of Prometheus' HTTP API the tests make. */
final class PrometheusApi {

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	PrometheusApi(URI base) {
		this.base = base;
	}

	/**
	 * An instant query's whole answer: {@code status} is {@code success} (then
	 * {@code data.result}) or {@code error} (then {@code errorType}, {@code error}).
	 */
	JsonNode query(String expression) {
		return get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
	}

	/** The series an instant query returns (fails on an error answer). */
	JsonNode series(String expression) {
		JsonNode answer = query(expression);
		if (!"success".equals(answer.path("status").asString())) {
			throw new AssertionError("Query failed: " + expression + " -> " + answer);
		}
		return answer.path("data").path("result");
	}

	/** Every rule group Prometheus loaded, with each rule's health and last error. */
	JsonNode rules() {
		return get("/api/v1/rules").path("data").path("groups");
	}

	/** Every scrape target with its health. */
	JsonNode targets() {
		return get("/api/v1/targets").path("data").path("activeTargets");
	}

	private JsonNode get(String path) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(10)).build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Prometheus did not answer " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
