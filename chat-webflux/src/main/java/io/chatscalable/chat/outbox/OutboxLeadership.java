package io.chatscalable.chat.outbox;

import java.security.SecureRandom;
import java.time.Duration;

import org.redisson.api.RLockReactive;
import org.redisson.api.RedissonReactiveClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Which node drains the outbox: the holder of one Redisson lock. The lock is taken
 * without a lease time, so Redisson's watchdog renews it while this node lives; when the
 * node dies, the lock expires after the watchdog timeout
 * ({@code chat.redisson.lock-watchdog-timeout}) and another node's next poll takes it.
 * <p>
 * A reactive chain changes threads, so the lock is held by an explicit owner id, not by a
 * thread.
 */
@Component
class OutboxLeadership {

	private static final Logger log = LoggerFactory.getLogger(OutboxLeadership.class);

	private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(2);

	private final RLockReactive lock;

	private final long ownerId = new SecureRandom().nextLong() & Long.MAX_VALUE;

	private volatile boolean leader;

	OutboxLeadership(RedissonReactiveClient redisson, OutboxProperties properties) {
		this.lock = redisson.getLock(properties.lockName());
	}

	/** Whether this node holds the lock now, taking it if it is free. */
	Mono<Boolean> acquire() {
		return this.lock.isHeldByThread(this.ownerId)
			.flatMap((held) -> held ? Mono.just(true) : this.lock.tryLock(this.ownerId))
			.doOnNext(this::update)
			// Cannot tell (Redis unreachable): act as if not holding it. Draining without
			// the lock could
			// run two drainers; waiting only delays events.
			.doOnError((error) -> update(false));
	}

	/** Whether this node still holds the lock, checked before every batch. */
	Mono<Boolean> stillHeld() {
		return this.lock.isHeldByThread(this.ownerId).doOnNext(this::update).doOnError((error) -> update(false));
	}

	/**
	 * Lets another node take over at once (on shutdown); best effort, the lock expires
	 * anyway.
	 */
	void release() {
		if (!this.leader) {
			return;
		}
		this.lock.unlock(this.ownerId).onErrorResume((error) -> Mono.empty()).block(RELEASE_TIMEOUT);
		update(false);
	}

	/** Whether this node was the holder at the last check. */
	boolean isLeader() {
		return this.leader;
	}

	private void update(boolean held) {
		if (held != this.leader) {
			log.info(held ? "This node now drains the outbox" : "This node no longer drains the outbox");
		}
		this.leader = held;
	}

}
