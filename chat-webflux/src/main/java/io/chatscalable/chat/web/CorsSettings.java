package io.chatscalable.chat.web;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for {@code /api/**}: the browser client calls another node's REST API when it
 * fails over to it. Spring Security's {@code cors()} picks this source up, so preflight
 * requests are answered before authentication. Only {@code chat.web.allowed-origins} are
 * allowed; with none, browsers get same-origin access only.
 */
@Configuration(proxyBeanMethods = false)
class CorsSettings {

	/** How long a browser may cache a preflight answer. */
	private static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

	@Bean
	CorsConfigurationSource corsConfigurationSource(WebProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (properties.allowedOrigins().isEmpty()) {
			return source;
		}
		CorsConfiguration api = new CorsConfiguration();
		api.setAllowedOrigins(properties.allowedOrigins());
		api.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
		api.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
		api.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
		// Bearer tokens travel in a header, never in cookies.
		api.setAllowCredentials(false);
		api.setMaxAge(PREFLIGHT_MAX_AGE);
		source.registerCorsConfiguration("/api/**", api);
		return source;
	}

}
