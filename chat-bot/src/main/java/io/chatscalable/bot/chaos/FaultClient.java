package io.chatscalable.bot.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the local run's fault control endpoint to apply one fault, and waits for the
 * answer (blocking: called on the fault timeline's own thread).
 */
public final class FaultClient {

	/**
	 * How long one fault may take: starting a node on two busy cores can take a minute;
	 * past this the step counts as failed and the run goes on to its drain.
	 */
	static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

	private final URI control;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * @param control the endpoint, e.g. {@code http://127.0.0.1:18090}
	 */
	public FaultClient(URI control) {
		this.control = control;
	}

	/** The local run's status, or an exception if it does not answer. */
	public JsonNode status() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.control.resolve("/status"))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.json.readTree(this.client.send(request, HttpResponse.BodyHandlers.ofString()).body());
	}

	/**
	 * Applies the fault at {@code path}.
	 * @return the endpoint's answer
	 * @throws IOException if it failed or did not answer
	 */
	public JsonNode apply(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.control.resolve(path))
			.timeout(STEP_TIMEOUT)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(path + " answered " + response.statusCode() + ": " + response.body().strip());
		}
		return this.json.readTree(response.body());
	}

}
