package io.chatscalable.chat.monitoring;

import io.chatscalable.chat.infra.lifecycle.LifecycleSubscription;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Gauges whose values cost a query, refreshed every {@code chat.monitoring.poll-interval}
 * for the node's life ({@link PeriodicRefresh}): a subclass registers its gauges and says
 * how one refresh is done; the loop starts and stops with the application.
 */
public abstract class PeriodicGauges extends LifecycleSubscription {

	private final String name;

	private final MonitoringProperties properties;

	protected PeriodicGauges(String name, MonitoringProperties properties) {
		this.name = name;
		this.properties = properties;
	}

	/** One refresh of the gauges; must not block (it runs on Reactor's timer). */
	protected abstract Mono<Void> refresh();

	@Override
	protected Disposable subscribe() {
		return PeriodicRefresh.start(this.name, this.properties, this::refresh);
	}

}
