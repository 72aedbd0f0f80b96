package io.chatscalable.chat.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The REST API of one node, as a client uses it. */
public final class ChatApi {

	private final WebTestClient client;

	public ChatApi(int port) {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	public WebTestClient client() {
		return this.client;
	}

	/** Logs in (signing up when new); the whole answer. */
	public JsonNode login(String username, String password) {
		Map<String, String> body = (password != null) ? Map.of("username", username, "password", password)
				: Map.of("username", username);
		return this.client.post()
			.uri("/api/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** Logs in without a password; the token. */
	public String token(String username) {
		return login(username, null).get("token").asString();
	}

	/** Creates a room; the answer. */
	public JsonNode createRoom(String token, String name) {
		return this.client.post()
			.uri("/api/rooms")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", name))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Creates a room with the first token's user and makes every token's user a member.
	 */
	public long roomWithMembers(String name, String... tokens) {
		long roomId = createRoom(tokens[0], name).get("id").asLong();
		for (String token : tokens) {
			this.client.post()
				.uri("/api/rooms/" + roomId + "/members")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk();
		}
		return roomId;
	}

	/** A page of the room's history, as the token's user. */
	public JsonNode history(String token, long roomId, String query) {
		return this.client.get()
			.uri("/api/rooms/" + roomId + "/messages" + query)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** A GET as the token's user, expecting 200; the body. */
	public JsonNode get(String token, String uri) {
		return this.client.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * {@code POST /api/ws-tickets}, expecting 200: {@code ticket} and {@code expiresAt}.
	 */
	public JsonNode wsTicket(String token) {
		return this.client.post()
			.uri("/api/ws-tickets")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** The status of a request without a body, as the token's user. */
	public int status(HttpMethod method, String token, String uri) {
		return this.client.method(method)
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	/** {@code PUT /api/rooms/{id}/read}; the status and body. */
	public WebTestClient.ResponseSpec markRead(String token, long roomId, Object position) {
		// A HashMap: tests send a null position too.
		Map<String, Object> body = new HashMap<>();
		body.put("position", position);
		return this.client.put()
			.uri("/api/rooms/" + roomId + "/read")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
