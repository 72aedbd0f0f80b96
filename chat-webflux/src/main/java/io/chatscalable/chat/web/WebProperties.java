package io.chatscalable.chat.web;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What browsers may do with this node.
 *
 * @param allowedOrigins browser origins ({@code scheme://host[:port]}) allowed to call
 * {@code /api/**} cross-origin ({@code CHAT_WEB_ALLOWED_ORIGINS}, comma list; empty: same
 * origin only)
 * @param clientNodes the node URLs the browser client may connect to and fail over
 * between, served as {@code /client-config.json} ({@code CHAT_WEB_CLIENT_NODES}; empty:
 * the page's own origin only)
 */
@ConfigurationProperties("chat.web")
public record WebProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue List<String> clientNodes) {

	public WebProperties {
		allowedOrigins = List.copyOf(allowedOrigins);
		clientNodes = List.copyOf(clientNodes);
		allowedOrigins.forEach((origin) -> requireOrigin("chat.web.allowed-origins", origin));
		clientNodes.forEach((node) -> requireOrigin("chat.web.client-nodes", node));
	}

	private static void requireOrigin(String property, String value) {
		URI uri;
		try {
			uri = URI.create(value);
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
	}

}
