package io.chatscalable.chat.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What browsers may reach this node from, and what the browser client is told.
 *
 * @param allowedOrigins the browser origins ({@code scheme://host[:port]}, env
 * {@code CHAT_WEB_ALLOWED_ORIGINS}, comma list) allowed to open a WebSocket and to call
 * {@code /api/**} cross-origin (CORS); empty by default: no other browser origin is
 * allowed until the operator names it
 * @param clientNodes the node URLs the browser client may connect to and fail over
 * between, served as {@code /client-config.json} ({@code CHAT_WEB_CLIENT_NODES}; empty:
 * the page's own origin only)
 */
@Validated
@ConfigurationProperties("chat.web")
public record WebProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue List<String> clientNodes) {

	public WebProperties {
		allowedOrigins = allowedOrigins.stream()
			.map((origin) -> requireOrigin("chat.web.allowed-origins", origin))
			.toList();
		clientNodes = clientNodes.stream().map((node) -> requireOrigin("chat.web.client-nodes", node)).toList();
	}

	/** Whether a browser's {@code Origin} header names an allowed origin. */
	public boolean allowsOrigin(String origin) {
		return this.allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT));
	}

	private static String requireOrigin(String property, String value) {
		String trimmed = value.trim().toLowerCase(Locale.ROOT);
		URI uri;
		try {
			uri = URI.create(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(property + ": not a URL: " + value, ex);
		}
		boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
		boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
		if (!web || uri.getHost() == null || !bare || uri.getRawQuery() != null) {
			throw new IllegalArgumentException(
					property + ": expected http(s)://host[:port] without path or trailing slash, not " + value);
		}
		return trimmed;
	}

}
