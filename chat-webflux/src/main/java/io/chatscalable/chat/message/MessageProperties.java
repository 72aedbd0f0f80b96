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
 * @param dedup the window in which a message that reached Kafka twice is shown once
 * @param store the consumer group that stores messages in PostgreSQL
 * @param recovery catch-up of a client that rejoins with its last position
 */
@Validated
@ConfigurationProperties("chat.messages")
public record MessageProperties(@Valid @DefaultValue Dedup dedup, @Valid @DefaultValue Store store,
		@Valid @DefaultValue Recovery recovery) {

	/**
	 * De-duplication of chat messages by message id.
	 *
	 * @param windowPerPartition how many offsets of each partition of the chat-message
	 * topic a node remembers the message ids of (about 130 bytes each): a copy of a
	 * message within that distance of its first copy is neither delivered nor recovered,
	 * and a re-send within it is acknowledged with the first copy's position
	 */
	public record Dedup(@DefaultValue("20000") @Min(100) @Max(10_000_000) int windowPerPartition) {
	}

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
	 * @param timeout how long a catch-up may take (the database's answer and the read of
	 * the log together) before the join answers UNAVAILABLE
	 * @param databaseTimeout how long the catch-up waits for PostgreSQL before it reads
	 * everything from the log instead
	 * @param maxLogRecords the most records of the room's partition one catch-up reads
	 * from Kafka (the partition is shared by many rooms); a gap the database cannot cover
	 * and that is wider than this answers UNAVAILABLE
	 */
	public record Recovery(@DefaultValue("1000") @Min(1) @Max(100_000) int maxMessages,
			@DefaultValue("10s") Duration timeout, @DefaultValue("2s") Duration databaseTimeout,
			@DefaultValue("100000") @Min(1) @Max(10_000_000) int maxLogRecords) {
	}

}
