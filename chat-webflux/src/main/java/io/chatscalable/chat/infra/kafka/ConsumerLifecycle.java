package io.chatscalable.chat.infra.kafka;

import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * A consumer loop started and stopped with the application, after the sockets are closed
 * at shutdown: subclasses say which records they want ({@link #spec()}) and how the loop
 * runs ({@link #startLoop}; {@link RecordConsumer} for one record at a time).
 */
public abstract class ConsumerLifecycle implements SmartLifecycle {

	/** The phase of every consumer loop: below the session shutdown's. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 768;

	private final EventSubscriber subscriber;

	private volatile EventSubscriber.Running running;

	protected ConsumerLifecycle(EventSubscriber subscriber) {
		this.subscriber = subscriber;
	}

	/** The loop to run; called once, at start. */
	protected abstract ConsumerSpec spec();

	/**
	 * Completes once the consumer has partitions: records produced after that reach it.
	 */
	public Mono<Void> ready() {
		EventSubscriber.Running current = this.running;
		return (current != null) ? current.assigned()
				: Mono.error(new IllegalStateException(getClass().getSimpleName() + " is not started"));
	}

	/**
	 * Starts the loop: {@link EventSubscriber#start} for a {@link RecordConsumer},
	 * {@link EventSubscriber#startBatches} for a consumer of whole polls.
	 */
	protected abstract EventSubscriber.Running startLoop(EventSubscriber subscriber);

	@Override
	public void start() {
		this.running = startLoop(this.subscriber);
	}

	/**
	 * Closing the consumer commits what was acknowledged and leaves the group, so that
	 * its partitions move to another node at once.
	 */
	@Override
	public void stop() {
		EventSubscriber.Running current = this.running;
		if (current != null) {
			current.dispose();
			this.running = null;
		}
	}

	/**
	 * Consumers stop after the sockets are closed (SessionShutdown), so that sockets get
	 * messages until they go; and start before sockets are accepted.
	 */
	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
