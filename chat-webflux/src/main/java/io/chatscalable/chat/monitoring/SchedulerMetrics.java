package io.chatscalable.chat.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Scannable;
import reactor.core.scheduler.Scheduler;

/**
 * Saturation gauges of a bounded-elastic {@link Scheduler}, read through Reactor's
 * {@link Scannable} view: the scheduler's {@code BUFFERED} is its threads (busy, or idle
 * and kept for reuse a minute), {@code CAPACITY} its thread cap, and each worker's
 * {@code BUFFERED} the tasks queued on it behind the running one (a periodic task waiting
 * for its next run counts too). A scheduler whose threads sit at the cap with tasks
 * queued is saturated; its callers fail fast once the queue bound is reached.
 */
public final class SchedulerMetrics {

	/** Tag naming the scheduler. */
	public static final String SCHEDULER_TAG = "scheduler";

	private SchedulerMetrics() {
	}

	/**
	 * Registers {@code chat.scheduler.threads}, {@code chat.scheduler.threads.max} and
	 * {@code chat.scheduler.tasks.queued} for {@code scheduler}, tagged with its
	 * {@code name}.
	 */
	public static void register(Scheduler scheduler, String name, MeterRegistry meters) {
		Scannable scannable = Scannable.from(scheduler);
		Gauge.builder("chat.scheduler.threads", scannable, (s) -> intAttribute(s, Scannable.Attr.BUFFERED))
			.tag(SCHEDULER_TAG, name)
			.description("Threads the scheduler has (busy, or idle and kept for reuse)")
			.register(meters);
		Gauge.builder("chat.scheduler.threads.max", scannable, (s) -> intAttribute(s, Scannable.Attr.CAPACITY))
			.tag(SCHEDULER_TAG, name)
			.description("Most threads the scheduler may run")
			.register(meters);
		Gauge.builder("chat.scheduler.tasks.queued", scannable, SchedulerMetrics::queued)
			.tag(SCHEDULER_TAG, name)
			.description("Tasks waiting for a thread of the scheduler")
			.register(meters);
	}

	private static double queued(Scannable scheduler) {
		return scheduler.inners().mapToInt((worker) -> intAttribute(worker, Scannable.Attr.BUFFERED)).sum();
	}

	private static int intAttribute(Scannable scannable, Scannable.Attr<Integer> attribute) {
		Integer value = scannable.scan(attribute);
		return (value != null) ? value : 0;
	}

}
