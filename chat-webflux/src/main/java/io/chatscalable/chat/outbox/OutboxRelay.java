package io.chatscalable.chat.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.chatscalable.chat.infra.kafka.EventPublisher;
import io.chatscalable.chat.infra.kafka.OutgoingRecord;
import io.chatscalable.chat.infra.kafka.PublishResult;
import io.chatscalable.chat.monitoring.SchedulerMetrics;
import io.chatscalable.chat.node.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox to Kafka. Every node runs it; only the holder of the
 * {@link OutboxLeadership} lock drains.
 * <p>
 * Each poll: take or confirm the lock; then publish pending rows in id order, a batch at
 * a time, and mark the acknowledged ones SENT. A failed publish is counted in the row's
 * {@code attempts} and the relay pauses with exponential backoff; the row is retried on
 * the next batch. A broker outage never sets a row aside; a failure that retrying cannot
 * fix does, after {@code maxAttempts}, as FAILED (kept for inspection, counted in
 * {@code chat.outbox.failed}). Rows published but not yet marked when the holder dies are
 * published again by the next holder: consumers ignore events they have already applied.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/**
	 * Header naming the node that published a record (tells, in tests and incidents, who
	 * drained).
	 */
	static final String PUBLISHER_HEADER = "publisher-node";

	private final OutboxRepository repository;

	private final OutboxLeadership leadership;

	private final EventPublisher publisher;

	private final OutboxProperties properties;

	private final Map<String, String> topics;

	private final JsonMapper json;

	private final String nodeId;

	private final Clock clock = Clock.systemUTC();

	private final Counter published;

	private final Counter publishFailures;

	private final Counter setAside;

	/**
	 * The relay's own thread: its poll timer and the work it starts never touch an event
	 * loop.
	 */
	private final Scheduler scheduler = Schedulers.newBoundedElastic(1, 16, "outbox-relay");

	private volatile Disposable loop;

	private int consecutiveFailures;

	private Instant pausedUntil = Instant.EPOCH;

	private Instant nextCleanup = Instant.EPOCH;

	OutboxRelay(OutboxRepository repository, OutboxLeadership leadership, EventPublisher publisher,
			OutboxProperties properties, List<OutboxRoute> routes, JsonMapper json, NodeIdentity node,
			MeterRegistry meters) {
		this.repository = repository;
		this.leadership = leadership;
		this.publisher = publisher;
		this.properties = properties;
		this.topics = routes.stream().collect(Collectors.toMap(OutboxRoute::aggregateType, OutboxRoute::topic));
		this.json = json;
		this.nodeId = node.id();
		this.published = Counter.builder("chat.outbox.published")
			.description("Outbox rows this node published to Kafka")
			.register(meters);
		this.publishFailures = Counter.builder("chat.outbox.publish.failures")
			.description("Failed publishes of outbox rows (retried)")
			.register(meters);
		this.setAside = Counter.builder("chat.outbox.failed")
			.description("Outbox rows this node set aside as FAILED")
			.register(meters);
		Gauge.builder("chat.outbox.leader", leadership, (l) -> l.isLeader() ? 1 : 0)
			.description("1 while this node holds the outbox lock and drains")
			.register(meters);
		SchedulerMetrics.register(this.scheduler, "outbox-relay", meters);
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			return;
		}
		this.loop = Flux.interval(Duration.ZERO, this.properties.pollInterval(), this.scheduler)
			// A cycle that outlasts the interval swallows the ticks that came meanwhile.
			.onBackpressureDrop()
			.concatMap((tick) -> cycle(), 1)
			.subscribe(null, (error) -> log.error("Outbox relay stopped", error));
	}

	@Override
	public void stop() {
		Disposable running = this.loop;
		if (running != null) {
			running.dispose();
			this.loop = null;
			this.leadership.release();
		}
		this.scheduler.dispose();
	}

	@Override
	public boolean isRunning() {
		return this.loop != null && !this.loop.isDisposed();
	}

	/** One poll; never fails, so the loop lives as long as the node. */
	Mono<Void> cycle() {
		if (this.clock.instant().isBefore(this.pausedUntil)) {
			return Mono.empty();
		}
		return this.leadership.acquire()
			.filter(Boolean::booleanValue)
			.flatMap((leader) -> drainUntilEmpty().then(cleanUpIfDue()))
			.doOnSuccess((ignored) -> this.consecutiveFailures = 0)
			.onErrorResume((error) -> {
				backOff(error);
				return Mono.empty();
			});
	}

	private Mono<Void> drainUntilEmpty() {
		return drainBatch()
			.expand((count) -> (count == this.properties.batchSize() && isRunning()) ? drainBatch() : Mono.empty())
			.then();
	}

	/**
	 * Publishes one batch if this node still holds the lock; emits how many rows it took.
	 */
	private Mono<Integer> drainBatch() {
		return this.leadership.stillHeld()
			.filter(Boolean::booleanValue)
			.flatMap((held) -> this.repository.pending(this.properties.batchSize()).collectList())
			.filter((rows) -> !rows.isEmpty())
			.flatMap(this::publish);
	}

	/**
	 * Publishes a batch and stops at the first failure: the rest would mostly fail the
	 * same way (a broker outage costs a metadata timeout per record), and stopping keeps
	 * later events from overtaking the failed one. Rows whose result was not awaited stay
	 * PENDING and go again, possibly twice, which consumers tolerate.
	 */
	private Mono<Integer> publish(List<OutboxRow> rows) {
		List<OutboxRow> unroutable = rows.stream()
			.filter((row) -> !this.topics.containsKey(row.aggregateType()))
			.toList();
		if (!unroutable.isEmpty()) {
			// Unroutable rows fail on their own (permanently); the others still go, after
			// them the relay backs off.
			List<OutboxRow> routable = rows.stream()
				.filter((row) -> this.topics.containsKey(row.aggregateType()))
				.toList();
			Mono<Integer> others = routable.isEmpty() ? Mono.just(0)
					: publish(routable).onErrorResume((error) -> Mono.just(0));
			return Flux.fromIterable(unroutable)
				.concatMap((row) -> recordFailure(row,
						new IllegalStateException("No outbox route for aggregate type " + row.aggregateType())))
				.then(others)
				.then(Mono.error(new OutboxPublishException(unroutable.size(), rows.size(), null)));
		}
		Flux<OutgoingRecord<OutboxRow>> records = Flux.fromIterable(rows).map(this::toRecord);
		return this.publisher.publish(records)
			.takeUntil((result) -> !result.acknowledged())
			.collectList()
			.flatMap((results) -> {
				List<Long> sent = results.stream()
					.filter(PublishResult::acknowledged)
					.map((result) -> result.correlation().id())
					.toList();
				this.published.increment(sent.size());
				PublishResult<OutboxRow> failed = results.stream()
					.filter((result) -> !result.acknowledged())
					.findFirst()
					.orElse(null);
				if (failed == null) {
					return this.repository.markSent(sent).thenReturn(rows.size());
				}
				return this.repository.markSent(sent)
					.then(recordFailure(failed.correlation(), failed.error()))
					.then(Mono.error(new OutboxPublishException(1, rows.size(), failed.error())));
			});
	}

	private Mono<Boolean> recordFailure(OutboxRow row, Throwable error) {
		this.publishFailures.increment();
		boolean permanent = !(error instanceof RetriableException) && !(error.getCause() instanceof RetriableException);
		return this.repository.recordFailure(row.id(), error.toString(), permanent, this.properties.maxAttempts())
			.doOnNext((setAside) -> {
				if (setAside) {
					this.setAside.increment();
					log.error("Outbox row {} ({} {}) set aside as FAILED after {} permanent failures: {}", row.id(),
							row.eventType(), row.aggregateId(), this.properties.maxAttempts(), error.toString());
				}
			});
	}

	private OutgoingRecord<OutboxRow> toRecord(OutboxRow row) {
		return new OutgoingRecord<>(this.topics.get(row.aggregateType()), row.aggregateId(),
				EventEnvelope.encode(this.json, row), Map.of("event-type", row.eventType(), "event-id",
						Long.toString(row.id()), PUBLISHER_HEADER, this.nodeId),
				row);
	}

	private Mono<Void> cleanUpIfDue() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextCleanup)) {
			return Mono.empty();
		}
		this.nextCleanup = now.plus(this.properties.cleanupInterval());
		return this.repository.deleteSentBefore(now.minus(this.properties.retention()))
			.doOnNext((deleted) -> log.debug("Deleted {} sent outbox rows", deleted))
			.then();
	}

	private void backOff(Throwable error) {
		this.consecutiveFailures++;
		long factor = 1L << Math.min(this.consecutiveFailures - 1, 16);
		Duration pause = this.properties.firstBackoff().multipliedBy(factor);
		if (pause.compareTo(this.properties.maxBackoff()) > 0) {
			pause = this.properties.maxBackoff();
		}
		this.pausedUntil = this.clock.instant().plus(pause);
		log.warn("Outbox relay paused for {} after failure #{}: {}", pause, this.consecutiveFailures, error.toString());
	}

}
