package io.chatscalable.chat.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay.
 *
 * @param enabled whether this node takes part in draining (every node does by default;
 * only the lock holder drains)
 * @param pollInterval how often the relay looks for pending rows (and, when not the
 * holder, for the lock)
 * @param batchSize rows published per batch
 * @param maxAttempts failed publishes of one row, for reasons that retrying cannot fix,
 * before it is set aside as FAILED (a broker outage never counts towards this)
 * @param firstBackoff the pause after a failed batch; doubles up to {@code maxBackoff}
 * @param maxBackoff the longest pause between failed batches
 * @param retention how long sent rows are kept before clean-up
 * @param cleanupInterval how often the holder deletes sent rows older than
 * {@code retention}
 * @param lockName the Redisson lock that elects the draining node
 */
@Validated
@ConfigurationProperties("chat.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("200ms") Duration pollInterval,
		@DefaultValue("200") @Min(1) @Max(10000) int batchSize, @DefaultValue("10") @Min(1) int maxAttempts,
		@DefaultValue("500ms") Duration firstBackoff, @DefaultValue("30s") Duration maxBackoff,
		@DefaultValue("1h") Duration retention, @DefaultValue("1m") Duration cleanupInterval,
		@DefaultValue("chat:outbox:relay-lock") @NotBlank String lockName) {
}
