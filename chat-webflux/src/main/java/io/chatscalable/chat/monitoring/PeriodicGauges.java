package io.chatscalable.chat.monitoring;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values cost a query, refreshed every {@code chat.monitoring.poll-interval}
 * for the node's life ({@link PeriodicRefresh}): a subclass registers its gauges and says
 * how one refresh is done; this class starts and stops the loop with the application.
 */
public abstract class PeriodicGauges implements SmartLifecycle {

	private final String name;

	private final MonitoringProperties properties;

	private volatile Disposable refresh;

	protected PeriodicGauges(String name, MonitoringProperties properties) {
		this.name = name;
		this.properties = properties;
	}

	/** One refresh of the gauges; must not block (it runs on Reactor's timer). */
	protected abstract Mono<Void> refresh();

	@Override
	public void start() {
		this.refresh = PeriodicRefresh.start(this.name, this.properties, this::refresh);
	}

	@Override
	public void stop() {
		Disposable running = this.refresh;
		if (running != null) {
			running.dispose();
			this.refresh = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.refresh != null;
	}

}
