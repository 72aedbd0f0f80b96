package io.chatscalable.chat.message;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Chat messages: de-duplication of sends, the message store, recovery.
 *
 * @param dedupTtl how long a sent clientMessageId is remembered, so that a retry is
 * acknowledged without being sent again
 * @param store the consumer group that stores messages in PostgreSQL
 * @param recovery catch-up of a client that rejoins with its last position
 */
@Validated
@ConfigurationProperties("chat.messages")
public record MessageProperties(@DefaultValue("24h") Duration dedupTtl, @Valid @DefaultValue Store store,
		@Valid @DefaultValue Recovery recovery) {

	/**
	 * The message store.
	 *
	 * @param maxAttempts tries of a record that the database refuses (a constraint it
	 * breaks) before it goes to the dead-letter topic
	 * @param firstBackoff the wait before the second try; doubles each time
	 */
	public record Store(@DefaultValue("3") @Min(1) @Max(100) int maxAttempts,
			@DefaultValue("200ms") Duration firstBackoff) {
	}

	/**
	 * Recovery on join.
	 *
	 * @param maxMessages the most messages replayed on one join; a client that missed
	 * more gets TOO_OLD and reloads history
	 * @param timeout how long a join waits for the message store to catch up before it
	 * answers UNAVAILABLE
	 */
	public record Recovery(@DefaultValue("1000") @Min(1) @Max(100_000) int maxMessages,
			@DefaultValue("10s") Duration timeout) {
	}

}
