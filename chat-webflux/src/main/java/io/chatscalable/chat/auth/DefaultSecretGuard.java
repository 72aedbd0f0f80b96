package io.chatscalable.chat.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node outside the {@code local} profile when a secret is a public
 * default: the development signing secret (anyone could forge tokens), the database
 * password of {@code application.yml}, or a placeholder of the compose cluster's
 * {@code .env.example} (anything beginning with {@code change-me}).
 */
@Component
class DefaultSecretGuard implements InitializingBean {

	/** The placeholder prefix of every secret in chat-infra/compose/.env.example. */
	static final String PLACEHOLDER_PREFIX = "change-me";

	/** The database password application.yml ships with, for the local run. */
	static final String LOCAL_DATABASE_PASSWORD = "chat";

	/** Secret properties other than the signing secret, and their environment names. */
	private static final Map<String, String> PASSWORDS = Map.of("spring.r2dbc.password", "SPRING_R2DBC_PASSWORD",
			"spring.flyway.password", "SPRING_FLYWAY_PASSWORD", "spring.data.redis.password",
			"SPRING_DATA_REDIS_PASSWORD");

	private final AuthProperties properties;

	private final Environment environment;

	DefaultSecretGuard(AuthProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.environment.acceptsProfiles(Profiles.of("local"))) {
			return;
		}
		List<String> refused = new ArrayList<>();
		String secret = this.properties.jwtSecret();
		if (AuthProperties.LOCAL_DEFAULT_SECRET.equals(secret) || isPlaceholder(secret)) {
			refused.add("chat.auth.jwt-secret (CHAT_AUTH_JWT_SECRET, a secret of at least 32 bytes)");
		}
		PASSWORDS.forEach((property, variable) -> {
			String value = this.environment.getProperty(property);
			if (isPlaceholder(value) || LOCAL_DATABASE_PASSWORD.equals(value)) {
				refused.add(property + " (" + variable + ")");
			}
		});
		if (!refused.isEmpty()) {
			refused.sort(null);
			throw new IllegalStateException("These secrets are public defaults or placeholders; set them: "
					+ String.join(", ", refused) + " (or run with the 'local' profile on a development machine)");
		}
	}

	private static boolean isPlaceholder(String value) {
		return value != null && value.startsWith(PLACEHOLDER_PREFIX);
	}

}
