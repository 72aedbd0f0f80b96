package io.chatscalable.chat.auth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DefaultSecretGuardTest {

	@Test
	void refusesThePublicDefaultSecretOutsideTheLocalProfile() {
		MockEnvironment production = new MockEnvironment();

		assertThatIllegalStateException()
			.isThrownBy(() -> new DefaultSecretGuard(properties(AuthProperties.LOCAL_DEFAULT_SECRET), production)
				.afterPropertiesSet())
			.withMessageContaining("CHAT_AUTH_JWT_SECRET");
	}

	@Test
	void acceptsTheDefaultSecretWithTheLocalProfile() {
		MockEnvironment local = new MockEnvironment();
		local.setActiveProfiles("local");

		assertThatCode(() -> new DefaultSecretGuard(properties(AuthProperties.LOCAL_DEFAULT_SECRET), local)
			.afterPropertiesSet()).doesNotThrowAnyException();
	}

	@Test
	void acceptsAnyOtherSecretAnywhere() {
		assertThatCode(
				() -> new DefaultSecretGuard(properties("a-real-secret-of-at-least-32-bytes!!"), new MockEnvironment())
					.afterPropertiesSet())
			.doesNotThrowAnyException();
	}

	@Test
	void refusesPlaceholderAndDefaultPasswordsOutsideTheLocalProfile() {
		MockEnvironment production = new MockEnvironment().withProperty("spring.r2dbc.password", "chat")
			.withProperty("spring.flyway.password", "a-real-password")
			.withProperty("spring.data.redis.password", "change-me-redis-password");

		assertThatIllegalStateException()
			.isThrownBy(() -> new DefaultSecretGuard(properties("change-me-to-a-random-secret-of-at-least-32-bytes"),
					production)
				.afterPropertiesSet())
			.withMessageContaining("CHAT_AUTH_JWT_SECRET")
			.withMessageContaining("SPRING_R2DBC_PASSWORD")
			.withMessageContaining("SPRING_DATA_REDIS_PASSWORD")
			.withMessageNotContaining("SPRING_FLYWAY_PASSWORD")
			.withMessageNotContaining("change-me-redis-password");
	}

	@Test
	void acceptsPlaceholdersWithTheLocalProfile() {
		MockEnvironment local = new MockEnvironment().withProperty("spring.data.redis.password", "change-me-redis");
		local.setActiveProfiles("local");

		assertThatCode(
				() -> new DefaultSecretGuard(properties("change-me-to-a-random-secret-of-at-least-32-bytes"), local)
					.afterPropertiesSet())
			.doesNotThrowAnyException();
	}

	@Test
	void neverPrintsTheSecret() {
		org.assertj.core.api.Assertions.assertThat(properties("a-real-secret-of-at-least-32-bytes!!").toString())
			.doesNotContain("a-real-secret");
	}

	private static AuthProperties properties(String secret) {
		return new AuthProperties(secret, Duration.ofHours(1), "chat-scalable", 4, 16);
	}

}
