package io.chatscalable.chat.typing;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Typing notices.
 *
 * @param interval at most one notice per room and user per interval is passed on (per
 * node); the rest are dropped silently
 * @param expires how long clients show a notice ({@code expiresInMs}); longer than the
 * interval, so a user who keeps typing shows without a gap
 * @param maxTracked room and user pairs whose last notice a node remembers for the rate;
 * when full, notices of new pairs are dropped until old ones age out
 */
@Validated
@ConfigurationProperties("chat.typing")
public record TypingProperties(@DefaultValue("2s") Duration interval, @DefaultValue("5s") Duration expires,
		@DefaultValue("100000") @Min(1) @Max(10_000_000) int maxTracked) {

	public TypingProperties {
		if (interval.isNegative() || interval.isZero() || expires.compareTo(interval) <= 0
				|| expires.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException(
					"chat.typing.interval must be positive and chat.typing.expires longer than it, at most 1m");
		}
	}

}
