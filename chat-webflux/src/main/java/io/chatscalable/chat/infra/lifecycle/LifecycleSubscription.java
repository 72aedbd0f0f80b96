package io.chatscalable.chat.infra.lifecycle;

import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;

/**
 * A subscription that lives as long as the application: made when the context starts,
 * disposed when it stops. A subclass says what to subscribe (a periodic loop, a feed's
 * relay) and may finish work once it is disposed (a last flush).
 */
public abstract class LifecycleSubscription implements SmartLifecycle {

	private volatile Disposable running;

	/** Subscribes the long-lived stream; called once per start. */
	protected abstract Disposable subscribe();

	/**
	 * Runs on stop, after the subscription is disposed (also when it never started);
	 * nothing by default.
	 */
	protected void afterStop() {
	}

	@Override
	public void start() {
		this.running = subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
			this.running = null;
		}
		afterStop();
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
