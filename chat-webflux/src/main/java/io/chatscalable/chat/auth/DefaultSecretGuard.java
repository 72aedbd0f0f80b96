package io.chatscalable.chat.auth;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node that would sign tokens with the public development secret
 * outside the {@code local} profile: anyone could forge tokens for it.
 */
@Component
class DefaultSecretGuard implements InitializingBean {

	private final AuthProperties properties;

	private final Environment environment;

	DefaultSecretGuard(AuthProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		if (AuthProperties.LOCAL_DEFAULT_SECRET.equals(this.properties.jwtSecret())
				&& !this.environment.acceptsProfiles(Profiles.of("local"))) {
			throw new IllegalStateException("chat.auth.jwt-secret is the public development default; set "
					+ "CHAT_AUTH_JWT_SECRET to a secret of at least 32 bytes (or run with the 'local' profile)");
		}
	}

}
