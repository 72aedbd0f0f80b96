package io.chatscalable.chat.read;

import java.time.Duration;
import java.util.List;

import io.chatscalable.chat.infra.lifecycle.LifecycleSubscription;
import io.chatscalable.chat.read.ReadRepository.PendingRead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Writes read positions to PostgreSQL in batches: every {@code chat.reads.flush-interval}
 * one UPDATE for everything queued since the last flush. A failed flush puts its entries
 * back (merged with newer ones) for the next; entries beyond the bound are dropped from
 * PostgreSQL's queue only (counted in {@code chat.reads.dropped}) and stay in Redis. A
 * graceful stop flushes once more; a kill -9 loses at most one interval from PostgreSQL.
 */
@Component
class ReadStateWriter extends LifecycleSubscription {

	private static final Logger log = LoggerFactory.getLogger(ReadStateWriter.class);

	/** How long the last flush at shutdown may take. */
	private static final Duration STOP_FLUSH = Duration.ofSeconds(5);

	private final ReadRepository repository;

	private final ReadProperties properties;

	private final PendingReads pending;

	private final Counter written;

	private final Counter dropped;

	ReadStateWriter(ReadRepository repository, ReadProperties properties, MeterRegistry meters) {
		this.repository = repository;
		this.properties = properties;
		this.pending = new PendingReads(properties.maxPending());
		this.written = Counter.builder("chat.reads.written").register(meters);
		this.dropped = Counter.builder("chat.reads.dropped").register(meters);
		Gauge.builder("chat.reads.pending", this.pending, PendingReads::size).register(meters);
	}

	/** Queues a position for PostgreSQL. */
	void queue(long roomId, long userId, long position) {
		if (!this.pending.add(roomId, userId, position)) {
			this.dropped.increment();
		}
	}

	/** The position queued for the pair and not flushed yet, or -1. */
	long queued(long roomId, long userId) {
		return this.pending.get(roomId, userId);
	}

	/** Writes everything queued now in one statement. */
	Mono<Void> flush() {
		List<PendingRead> batch = this.pending.drain();
		if (batch.isEmpty()) {
			return Mono.empty();
		}
		return this.repository.raise(batch)
			.doOnNext((rows) -> this.written.increment(batch.size()))
			.then()
			.onErrorResume((error) -> {
				int lost = this.pending.restore(batch);
				this.dropped.increment(lost);
				log.warn("Could not write {} read positions, retrying at the next flush: {}", batch.size(),
						error.toString());
				return Mono.empty();
			});
	}

	@Override
	protected Disposable subscribe() {
		// One flush at a time: a slow database lowers the flush rate, the queue
		// coalesces.
		return Flux.interval(this.properties.flushInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> flush(), 1)
			.subscribe(null, (error) -> log.error("Read state flushing stopped", error));
	}

	/** The marks queued since the last flush are written before the node stops. */
	@Override
	protected void afterStop() {
		try {
			flush().block(STOP_FLUSH);
		}
		catch (RuntimeException ex) {
			log.warn("Last flush of read positions failed: {}", ex.toString());
		}
	}

}
