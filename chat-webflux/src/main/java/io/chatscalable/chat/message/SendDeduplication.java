package io.chatscalable.chat.message;

import java.time.Duration;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers, per sender, which client message ids were accepted and at which position, so
 * that a retried send is acknowledged again instead of being published (and delivered)
 * twice.
 * <p>
 * Key {@code chat:sent:{senderId}:{clientMessageId}}: {@code PENDING} while the first
 * send waits for the broker (expires after twice the delivery timeout, so a node that
 * died mid-send does not block the id for long), then the position, kept for
 * {@code chat.messages.dedup-ttl}.
 * <p>
 * Fails open: when Redis is slow or down the send goes ahead unchecked. Chat stays up;
 * the cost is that a retry in that window may be delivered twice (with the same message
 * id, and stored once).
 */
@Component
class SendDeduplication {

	private static final Logger log = LoggerFactory.getLogger(SendDeduplication.class);

	private static final String PENDING = "PENDING";

	/** A healthy Redis answers in well under a millisecond. */
	private static final Duration TIMEOUT = Duration.ofMillis(250);

	private final ReactiveStringRedisTemplate redis;

	private final Duration pendingTtl;

	private final Duration sentTtl;

	private final Counter unchecked;

	SendDeduplication(ReactiveStringRedisTemplate redis, KafkaProperties kafka, MessageProperties properties,
			MeterRegistry meters) {
		this.redis = redis;
		this.pendingTtl = kafka.deliveryTimeout().multipliedBy(2);
		this.sentTtl = properties.dedupTtl();
		this.unchecked = Counter.builder("chat.messages.dedup.unchecked")
			.description("Sends published without the duplicate check because Redis failed")
			.register(meters);
	}

	static String key(long senderId, String clientMessageId) {
		return "chat:sent:" + ChatMessage.messageKey(senderId, clientMessageId);
	}

	/** Claims the id for a first send, or tells what became of an earlier one. */
	Mono<Claim> claim(String key) {
		return this.redis.opsForValue()
			.setIfAbsent(key, PENDING, this.pendingTtl)
			.flatMap((claimed) -> claimed ? Mono.just(Claim.CLAIMED) : existing(key))
			.timeout(TIMEOUT)
			.onErrorResume((error) -> {
				this.unchecked.increment();
				log.debug("Send de-duplication skipped: {}", error.toString());
				return Mono.just(Claim.UNCHECKED);
			});
	}

	private Mono<Claim> existing(String key) {
		return this.redis.opsForValue()
			.get(key)
			.map((value) -> PENDING.equals(value) ? Claim.IN_PROGRESS : Claim.sent(Long.parseLong(value)))
			// Expired between the two calls: the earlier send is over; let the client
			// retry.
			.defaultIfEmpty(Claim.IN_PROGRESS);
	}

	/** Records the accepted send's position. */
	Mono<Void> complete(String key, long position) {
		return this.redis.opsForValue()
			.set(key, Long.toString(position), this.sentTtl)
			.timeout(TIMEOUT)
			// Fail open: only a later retry of this id could then be published twice.
			.onErrorResume((error) -> Mono.just(false))
			.then();
	}

	/** Forgets a send the broker refused, so that its retry is published. */
	Mono<Void> release(String key) {
		return this.redis.delete(key)
			.timeout(TIMEOUT)
			// Fail open: the PENDING mark expires by itself.
			.onErrorResume((error) -> Mono.just(0L))
			.then();
	}

	/** What a claim found. */
	record Claim(Kind kind, long position) {

		static final Claim CLAIMED = new Claim(Kind.CLAIMED, -1);

		static final Claim UNCHECKED = new Claim(Kind.UNCHECKED, -1);

		static final Claim IN_PROGRESS = new Claim(Kind.IN_PROGRESS, -1);

		static Claim sent(long position) {
			return new Claim(Kind.SENT, position);
		}

		enum Kind {

			/** First send: publish it, then {@link #complete}. */
			CLAIMED,

			/** Redis failed: publish without a record. */
			UNCHECKED,

			/** An earlier send is waiting for the broker. */
			IN_PROGRESS,

			/** An earlier send was accepted at {@link Claim#position()}. */
			SENT

		}

	}

}
