package io.chatscalable.chat.auth;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tokens and passwords.
 *
 * @param jwtSecret the HMAC-SHA256 key that signs tokens, at least 32 bytes
 * ({@code CHAT_AUTH_JWT_SECRET}); the default is accepted only with the {@code local}
 * profile
 * @param tokenTtl how long a token is valid
 * @param issuer the token issuer ({@code iss}), checked on every token
 * @param bcryptStrength the BCrypt cost factor of password hashes (10: about 50-100 ms
 * per hash on one core)
 * @param hashingQueue password hashes waiting for a hashing thread; beyond it logins
 * answer 503 SERVER_BUSY rather than queueing without bound
 */
@Validated
@ConfigurationProperties("chat.auth")
public record AuthProperties(@DefaultValue(LOCAL_DEFAULT_SECRET) @NotBlank @Size(min = 32) String jwtSecret,
		@DefaultValue("24h") Duration tokenTtl, @DefaultValue("chat-scalable") @NotBlank String issuer,
		@DefaultValue("10") @Min(4) @Max(16) int bcryptStrength,
		@DefaultValue("256") @Min(1) @Max(100000) int hashingQueue) {

	/** The development secret: public, so refused outside the local profile. */
	public static final String LOCAL_DEFAULT_SECRET = "local-development-secret-do-not-use-in-production";

	@Override
	public String toString() {
		return "AuthProperties[jwtSecret=<hidden>, tokenTtl=" + this.tokenTtl + ", issuer=" + this.issuer
				+ ", bcryptStrength=" + this.bcryptStrength + ", hashingQueue=" + this.hashingQueue + "]";
	}

}
