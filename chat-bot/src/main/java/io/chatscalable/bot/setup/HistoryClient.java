package io.chatscalable.bot.setup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reloads a room's history over REST after a rejoin without a full replay
 * (docs/protocol.md, Recovery): the latest page, then older pages until one reaches the
 * last position the client saw. Non-blocking (the JDK client's own threads), with a few
 * retries.
 */
public final class HistoryClient {

	/** The protocol's largest page. */
	static final int PAGE_SIZE = 200;

	/**
	 * Pages one reload may read: 10,000 messages, far more than a room of the bot's
	 * scenarios gets during any fault; a reload that needs more fails (counted) rather
	 * than read without end.
	 */
	static final int MAX_PAGES = 50;

	private static final int ATTEMPTS = 4;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The room's stored messages with a position above {@code afterPosition} (all of them
	 * when it is negative), oldest first; may also hold older ones of the last page read.
	 */
	public CompletableFuture<List<HistoryMessage>> after(URI node, String token, long roomId, long afterPosition) {
		return page(node, token, roomId, afterPosition, -1, new ArrayList<>(), 0);
	}

	private CompletableFuture<List<HistoryMessage>> page(URI node, String token, long roomId, long after, long before,
			List<HistoryMessage> collected, int pages) {
		if (pages >= MAX_PAGES) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"History of room " + roomId + " has more than " + MAX_PAGES * PAGE_SIZE + " messages to merge"));
		}
		String query = "?limit=" + PAGE_SIZE + ((before > 0) ? "&before=" + before : "");
		HttpRequest request = HttpRequest.newBuilder(node.resolve("/api/rooms/" + roomId + "/messages" + query))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + token)
			.GET()
			.build();
		return send(request, 0).thenCompose((body) -> {
			List<HistoryMessage> page = new ArrayList<>();
			for (JsonNode message : body.path("messages")) {
				page.add(new HistoryMessage(message.path("position").asLong(), message.path("content").asString()));
			}
			page.addAll(collected);
			JsonNode nextBefore = body.path("nextBefore");
			boolean reachedAfter = !page.isEmpty() && page.get(0).position() <= after;
			if (reachedAfter || nextBefore.isNull() || nextBefore.isMissingNode()) {
				return CompletableFuture.completedFuture(page);
			}
			return page(node, token, roomId, after, nextBefore.asLong(), page, pages + 1);
		});
	}

	private CompletableFuture<JsonNode> send(HttpRequest request, int attempt) {
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			if (response.statusCode() != 200) {
				throw new SetupException("GET " + request.uri() + " answered " + response.statusCode());
			}
			return this.json.readTree(response.body());
		}).exceptionallyCompose((error) -> {
			if (attempt + 1 >= ATTEMPTS) {
				return CompletableFuture.failedFuture(error);
			}
			long delay = FIRST_BACKOFF.toMillis() << attempt;
			return CompletableFuture
				.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
				.thenCompose((ignored) -> send(request, attempt + 1));
		});
	}

}
