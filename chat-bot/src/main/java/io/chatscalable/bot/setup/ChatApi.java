package io.chatscalable.bot.setup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST calls the bot needs (docs/protocol.md, section 1), blocking, with a few
 * retries on 503 and connection errors.
 */
public final class ChatApi {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int ATTEMPTS = 4;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

	private final HttpClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	public ChatApi() {
		// HTTP/1.1: the nodes do not speak h2c; an upgrade attempt only costs a round
		// trip.
		// The client keeps its own executor: callers block in send(), and a client whose
		// executor they fill cannot complete their responses.
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** Logs in (signing up if needed) without a password. */
	public LoggedInUser login(URI node, int index, String username) {
		JsonNode body = call(node, "/api/auth/login", null, this.json.writeValueAsString(Map.of("username", username)),
				200);
		return new LoggedInUser(index, body.path("user").path("id").asLong(), username, body.path("token").asString());
	}

	/** Creates a room; its creator becomes its first member. Returns the room id. */
	public long createRoom(URI node, String token, String name) {
		return call(node, "/api/rooms", token, this.json.writeValueAsString(Map.of("name", name)), 201).path("id")
			.asLong();
	}

	/** Makes the token's user a member of the room. */
	public void joinRoom(URI node, String token, long roomId) {
		call(node, "/api/rooms/" + roomId + "/members", token, "", 200);
	}

	private JsonNode call(URI node, String path, String token, String body, int expected) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(node.resolve(path))
			.timeout(TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (!body.isEmpty()) {
			builder.header("Content-Type", "application/json");
		}
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		HttpRequest request = builder.build();
		RuntimeException last = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			if (attempt > 0) {
				pause(FIRST_BACKOFF.multipliedBy(1L << (attempt - 1)));
			}
			try {
				HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == expected) {
					return this.json.readTree(response.body());
				}
				last = new SetupException("POST " + request.uri() + " answered " + response.statusCode() + ": "
						+ abbreviate(response.body()));
				if (response.statusCode() != 503 && response.statusCode() < 500) {
					break;
				}
			}
			catch (IOException ex) {
				last = new SetupException("POST " + request.uri() + " failed: " + ex, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SetupException("Interrupted", ex);
			}
		}
		throw last;
	}

	private static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SetupException("Interrupted", ex);
		}
	}

}
