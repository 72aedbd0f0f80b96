package io.chatscalable.chat.outbox;

import java.util.concurrent.atomic.AtomicReference;

import io.chatscalable.chat.monitoring.MonitoringProperties;
import io.chatscalable.chat.monitoring.PeriodicGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The outbox's backlog as gauges, refreshed every {@code chat.monitoring.poll-interval}
 * by one query on every node (so the figures do not depend on which node drains):
 * {@code chat.outbox.rows} tagged {@code status=PENDING} (rows waiting to be published)
 * and {@code status=FAILED} (rows set aside; they need a person), and
 * {@code chat.outbox.oldest.pending.age}. The values are those of the last refresh that
 * succeeded (0 before the first).
 */
@Component
class OutboxBacklog extends PeriodicGauges {

	static final String STATUS_TAG = "status";

	private final OutboxRepository repository;

	private final AtomicReference<Counts> last = new AtomicReference<>(new Counts(0L, 0L, 0.0));

	OutboxBacklog(OutboxRepository repository, MonitoringProperties properties, MeterRegistry meters) {
		super("outbox backlog", properties);
		this.repository = repository;
		Gauge.builder("chat.outbox.rows", this.last, (counts) -> counts.get().pending())
			.tag(STATUS_TAG, "PENDING")
			.description("Outbox rows by status: PENDING wait to be published, FAILED were set aside")
			.register(meters);
		Gauge.builder("chat.outbox.rows", this.last, (counts) -> counts.get().failed())
			.tag(STATUS_TAG, "FAILED")
			.description("Outbox rows by status: PENDING wait to be published, FAILED were set aside")
			.register(meters);
		Gauge.builder("chat.outbox.oldest.pending.age", this.last, (counts) -> counts.get().oldestPendingSeconds())
			.baseUnit("seconds")
			.description("Age of the oldest outbox row waiting to be published (0 when none waits)")
			.register(meters);
	}

	@Override
	protected Mono<Void> refresh() {
		return this.repository.backlog().doOnNext(this.last::set).then();
	}

	/**
	 * One refresh's figures.
	 *
	 * @param pending rows with status PENDING
	 * @param failed rows with status FAILED
	 * @param oldestPendingSeconds age of the oldest PENDING row, 0 when none
	 */
	record Counts(long pending, long failed, double oldestPendingSeconds) {
	}

}
