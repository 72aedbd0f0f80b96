package io.chatscalable.chat.user;

import java.util.ArrayList;
import java.util.List;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/users} against a real node and PostgreSQL: names starting with the
 * prefix regardless of case, in name order, never the caller, '_' a character and not a
 * wildcard, at most the limit; a bad query is 400 INVALID_USER_QUERY and a caller without
 * a token 401.
 */
@IntegrationTest
class UserSearchIT {

	@LocalServerPort
	int port;

	private ChatApi api;

	private String caller;

	@BeforeEach
	void signUp() {
		this.api = new ChatApi(this.port);
		for (String name : List.of("Srch_Ann", "srch_bob", "srchxcat", "srch.dan", "SRCH-eve", "other-srch")) {
			this.api.token(name);
		}
		this.caller = this.api.token("srch_me");
	}

	@Test
	void namesStartingWithThePrefixInNameOrderWithoutTheCaller() {
		assertThat(names("SRCH")).containsExactly("SRCH-eve", "srch.dan", "Srch_Ann", "srch_bob", "srchxcat");
		// '_' matches itself only, and the caller (srch_me) is not among the answers.
		assertThat(names("srch_")).containsExactly("Srch_Ann", "srch_bob");
		assertThat(names("srch_b")).containsExactly("srch_bob");
		assertThat(names("srch_me")).isEmpty();
		assertThat(names("nobody-has-this-name")).isEmpty();
	}

	@Test
	void atMostTheLimit() {
		assertThat(this.api.get(this.caller, "/api/users?prefix=srch&limit=2").get("users")).hasSize(2);
		assertThat(this.api.get(this.caller, "/api/users?prefix=srch&limit=20").get("users")).hasSize(5);
	}

	@Test
	void aBadQueryIsRefusedAndAStrangerIsNotAnswered() {
		for (String query : List.of("", "?prefix=", "?prefix=%25", "?prefix=-srch", "?prefix=" + "a".repeat(33),
				"?prefix=srch&limit=0", "?prefix=srch&limit=21")) {
			JsonNode problem = this.api.client()
				.get()
				.uri("/api/users" + query)
				.headers((headers) -> headers.setBearerAuth(this.caller))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			assertThat(problem.get("code").asString()).as(query).isEqualTo("INVALID_USER_QUERY");
		}
		this.api.client().get().uri("/api/users?prefix=srch").exchange().expectStatus().isUnauthorized();
	}

	private List<String> names(String prefix) {
		JsonNode users = this.api.get(this.caller, "/api/users?prefix=" + prefix).get("users");
		List<String> names = new ArrayList<>();
		users.forEach((user) -> {
			assertThat(user.get("id").asLong()).isPositive();
			names.add(user.get("username").asString());
		});
		return names;
	}

}
