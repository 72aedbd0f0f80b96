package io.chatscalable.chat.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CorsSettingsTest {

	private static final String NODE_2 = "http://127.0.0.1:8081";

	@Test
	void allowsTheConfiguredOriginsOnTheApiOnly() {
		CorsConfigurationSource source = new CorsSettings()
			.corsConfigurationSource(new WebProperties(List.of(NODE_2), List.of()));

		CorsConfiguration api = source.getCorsConfiguration(preflight("/api/rooms"));
		assertThat(api).isNotNull();
		assertThat(api.checkOrigin(NODE_2)).isEqualTo(NODE_2);
		assertThat(api.checkOrigin("http://evil.example")).isNull();
		assertThat(api.checkHttpMethod(HttpMethod.PUT)).contains(HttpMethod.PUT);
		assertThat(api.checkHeaders(List.of(HttpHeaders.AUTHORIZATION))).containsExactly(HttpHeaders.AUTHORIZATION);
		assertThat(api.getAllowCredentials()).isFalse();
		assertThat(source.getCorsConfiguration(preflight("/actuator/health"))).isNull();
	}

	@Test
	void allowsNothingCrossOriginWhenNoOriginIsConfigured() {
		CorsConfigurationSource source = new CorsSettings()
			.corsConfigurationSource(new WebProperties(List.of(), List.of()));

		assertThat(source.getCorsConfiguration(preflight("/api/rooms"))).isNull();
	}

	@Test
	void refusesOriginsThatAreNotBareHttpUrls() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WebProperties(List.of(NODE_2 + "/"), List.of()))
			.withMessageContaining("chat.web.allowed-origins");
		assertThatIllegalArgumentException().isThrownBy(() -> new WebProperties(List.of("ftp://host"), List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new WebProperties(List.of(), List.of("127.0.0.1:8080")))
			.withMessageContaining("chat.web.client-nodes");
		assertThat(new WebProperties(List.of("https://chat.example.com"), List.of(NODE_2)).clientNodes())
			.containsExactly(NODE_2);
	}

	private static MockServerWebExchange preflight(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.options(path)
			.header(HttpHeaders.ORIGIN, NODE_2)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"));
	}

}
