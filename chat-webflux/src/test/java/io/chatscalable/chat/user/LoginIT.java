package io.chatscalable.chat.user;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/auth/login against real PostgreSQL: signup, login, passwords, validation,
 * races, atomicity.
 */
@IntegrationTest
class LoginIT {

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	ChatApi api;

	@BeforeEach
	void setUp() {
		this.api = new ChatApi(this.port);
	}

	@Test
	void unknownNameSignsUpAndKnownNameLogsInCaseInsensitively() {
		JsonNode first = this.api.login("Alice", null);
		JsonNode again = this.api.login("alice", null);

		assertThat(first.get("created").asBoolean()).isTrue();
		assertThat(first.get("user").get("username").asString()).isEqualTo("Alice");
		assertThat(first.get("token").asString()).isNotBlank();
		assertThat(again.get("created").asBoolean()).isFalse();
		assertThat(again.get("user").get("id").asLong()).isEqualTo(first.get("user").get("id").asLong());
		assertThat(usersNamed("alice")).isEqualTo(1);
		assertThat(outboxRowsOf(first.get("user").get("id").asLong())).isEqualTo(1);
	}

	@Test
	void aPasswordSetAtSignupIsRequiredAfterwards() {
		this.api.login("bob", "correct horse");

		expectProblem(Map.of("username", "bob"), 401, "WRONG_PASSWORD");
		expectProblem(Map.of("username", "BOB", "password", "wrong password"), 401, "WRONG_PASSWORD");
		assertThat(this.api.login("Bob", "correct horse").get("created").asBoolean()).isFalse();
		String hash = this.database.sql("SELECT password_hash FROM users WHERE username = 'bob'")
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(hash).startsWith("$2").doesNotContain("correct horse");
	}

	@Test
	void invalidInputIsRefusedWithItsCodeAndWritesNothing() {
		long users = count("SELECT count(*) FROM users");
		long outbox = count("SELECT count(*) FROM outbox");
		expectProblem(Map.of("username", "ab"), 400, "INVALID_USERNAME");
		expectProblem(Map.of("username", "has space"), 400, "INVALID_USERNAME");
		expectProblem(Map.of("username", "x".repeat(33)), 400, "INVALID_USERNAME");
		expectProblem(Map.of("username", "carol", "password", "short"), 400, "INVALID_PASSWORD");
		expectProblem(Map.of("username", "carol", "password", "p".repeat(73)), 400, "INVALID_PASSWORD");
		expectProblem(Map.of("password", "no username given"), 400, "INVALID_USERNAME");
		expectRawProblem("{not json", 400, "MALFORMED_REQUEST");
		expectRawProblem("{\"username\": 42}", 400, "MALFORMED_REQUEST");
		expectRawProblem("{\"username\": \"" + "y".repeat(300_000) + "\"}", 413, "PAYLOAD_TOO_LARGE");

		assertThat(count("SELECT count(*) FROM users")).isEqualTo(users);
		assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
	}

	@Test
	void concurrentSignupsOfOneNameCreateOneUser() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<Long>> logins = IntStream.range(0, 16)
				.mapToObj((i) -> CompletableFuture.supplyAsync(
						() -> this.api.login((i % 2 == 0) ? "Dave" : "dave", null).get("user").get("id").asLong(),
						pool))
				.toList();
			List<Long> ids = logins.stream().map(CompletableFuture::join).distinct().toList();

			assertThat(ids).hasSize(1);
			assertThat(usersNamed("dave")).isEqualTo(1);
			assertThat(outboxRowsOf(ids.get(0))).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFailureBetweenUserAndOutboxRowLeavesNeither() {
		// A real failure inside PostgreSQL at the second insert of the transaction.
		execute("ALTER TABLE outbox ADD CONSTRAINT refuse_all CHECK (false) NOT VALID");
		try {
			this.api.client()
				.post()
				.uri("/api/auth/login")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("username", "erin"))
				.exchange()
				.expectStatus()
				.isEqualTo(500)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("INTERNAL_ERROR");
		}
		finally {
			execute("ALTER TABLE outbox DROP CONSTRAINT refuse_all");
		}
		assertThat(usersNamed("erin")).isZero();
		assertThat(count("SELECT count(*) FROM outbox WHERE payload->>'username' = 'erin'")).isZero();
		assertThat(this.api.login("erin", null).get("created").asBoolean()).isTrue();
	}

	@Test
	void tokensAreCheckedOnEveryCall() {
		String token = this.api.token("frank");
		this.api.client()
			.get()
			.uri("/api/rooms")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();

		for (String bad : List.of("", "Bearer", "Bearer not.a.jwt", "Bearer " + forged(token))) {
			this.api.client().get().uri("/api/rooms").headers((headers) -> {
				if (!bad.isEmpty()) {
					headers.set("Authorization", bad);
				}
			})
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("UNAUTHENTICATED");
		}
	}

	/**
	 * The same claims with the first signature character changed. (Not the last: of a
	 * 32-byte HMAC's 43 base64url characters, the last carries two padding bits, so
	 * changing it may leave the signature as it was.)
	 */
	private static String forged(String token) {
		int signature = token.lastIndexOf('.') + 1;
		char first = token.charAt(signature);
		return token.substring(0, signature) + ((first == 'A') ? 'B' : 'A') + token.substring(signature + 1);
	}

	private void expectProblem(Map<String, String> body, int status, String code) {
		this.api.client()
			.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code);
	}

	private void expectRawProblem(String body, int status, String code) {
		this.api.client()
			.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(code);
	}

	private long usersNamed(String canonicalName) {
		return count("SELECT count(*) FROM users WHERE lower(username) = '" + canonicalName + "'");
	}

	private long outboxRowsOf(long userId) {
		return count("SELECT count(*) FROM outbox WHERE aggregate_type = 'user' AND aggregate_id = '" + userId + "'");
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
	}

	private void execute(String sql) {
		this.database.sql(sql).then().block(Duration.ofSeconds(10));
	}

}
