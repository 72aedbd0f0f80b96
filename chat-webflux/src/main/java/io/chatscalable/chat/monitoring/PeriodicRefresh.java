package io.chatscalable.chat.monitoring;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a gauge refresh (a query) every poll interval for the node's life. One refresh at
 * a time; a refresh that fails or outlasts its timeout is logged and the next one runs on
 * time, so the loop never ends before the node does. The refresh itself must not block:
 * the timer runs on Reactor's parallel scheduler.
 */
public final class PeriodicRefresh {

	private static final Logger log = LoggerFactory.getLogger(PeriodicRefresh.class);

	private PeriodicRefresh() {
	}

	/** Starts refreshing; dispose the answer to stop. */
	public static Disposable start(String name, MonitoringProperties properties, Supplier<Mono<Void>> refresh) {
		Duration interval = properties.pollInterval();
		return Flux.interval(Duration.ZERO, interval, Schedulers.parallel())
			// A refresh that outlasts the interval swallows the ticks that came
			// meanwhile.
			.onBackpressureDrop()
			.concatMap((tick) -> Mono.defer(refresh).timeout(properties.pollTimeout()).onErrorResume((error) -> {
				// The gauges keep their last values: the outage shows in health and in
				// other metrics, and a gap here would hide a lag that is real.
				log.debug("Refreshing {} failed: {}", name, error.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

}
