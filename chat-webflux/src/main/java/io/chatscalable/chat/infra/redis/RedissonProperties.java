package io.chatscalable.chat.infra.redis;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Redisson, used for distributed locks only; caches go through Spring Data Redis
 * (Lettuce). Both read the same {@code spring.data.redis.*} address.
 *
 * @param nettyThreads Redisson's I/O threads; locks are rare, so a few suffice (its
 * default of 32 is for heavy use)
 * @param connectionPoolSize connections per Redis server
 * @param lockWatchdogTimeout how long a lock outlives a holder that died: the watchdog of
 * a live holder renews it every third of this; it bounds how soon another node takes over
 * the outbox
 */
@Validated
@ConfigurationProperties("chat.redisson")
public record RedissonProperties(@DefaultValue("2") @Min(1) @Max(64) int nettyThreads,
		@DefaultValue("8") @Min(1) @Max(256) int connectionPoolSize,
		@DefaultValue("10s") java.time.Duration lockWatchdogTimeout) {
}
