package io.chatscalable.chat.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What browsers may reach this node from.
 *
 * @param allowedOrigins the browser origins ({@code scheme://host[:port]}, env
 * {@code CHAT_WEB_ALLOWED_ORIGINS}, comma list) allowed to open a WebSocket (and, where
 * CORS is on, to call {@code /api/**}); empty by default: no browser origin is allowed
 * until the operator names its own
 */
@Validated
@ConfigurationProperties("chat.web")
public record WebProperties(@DefaultValue List<String> allowedOrigins) {

	public WebProperties {
		allowedOrigins = allowedOrigins.stream().map(WebProperties::normalize).toList();
	}

	/** Whether a browser's {@code Origin} header names an allowed origin. */
	public boolean allowsOrigin(String origin) {
		return this.allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT));
	}

	private static String normalize(String origin) {
		String trimmed = origin.trim().toLowerCase(Locale.ROOT);
		URI uri = URI.create(trimmed);
		if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
				|| uri.getQuery() != null) {
			throw new IllegalArgumentException(
					"chat.web.allowed-origins holds origins like https://chat.example.com, not: " + origin);
		}
		return trimmed;
	}

}
