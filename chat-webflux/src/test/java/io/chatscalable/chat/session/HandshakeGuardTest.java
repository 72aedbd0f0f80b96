package io.chatscalable.chat.session;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeGuardTest {

	@Test
	void theNodesOwnOriginIsSchemeHostAndPortOfTheRequest() {
		URI request = URI.create("http://127.0.0.1:8080/ws");
		assertThat(HandshakeGuard.sameOrigin(request, "http://127.0.0.1:8080")).isTrue();
		assertThat(HandshakeGuard.sameOrigin(request, "http://127.0.0.1:8081")).isFalse();
		assertThat(HandshakeGuard.sameOrigin(request, "https://127.0.0.1:8080")).isFalse();
		assertThat(HandshakeGuard.sameOrigin(request, "http://localhost:8080")).isFalse();
		assertThat(HandshakeGuard.sameOrigin(request, "null")).isFalse();
		assertThat(HandshakeGuard.sameOrigin(URI.create("https://chat.example.com/ws"), "https://CHAT.example.com"))
			.isTrue();
		assertThat(HandshakeGuard.sameOrigin(URI.create("http://chat.example.com/ws"), "http://chat.example.com:80"))
			.isTrue();
		assertThat(HandshakeGuard.sameOrigin(URI.create("https://chat.example.com/ws"), "https://evil.example"))
			.isFalse();
	}

}
