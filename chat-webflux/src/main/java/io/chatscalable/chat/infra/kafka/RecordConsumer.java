package io.chatscalable.chat.infra.kafka;

/**
 * A consumer loop that handles one record at a time, in order per partition: subclasses
 * say which records they want ({@link #spec()}) and what to do with each
 * ({@link #handle}).
 */
public abstract class RecordConsumer extends ConsumerLifecycle implements RecordHandler {

	protected RecordConsumer(EventSubscriber subscriber) {
		super(subscriber);
	}

	@Override
	protected final EventSubscriber.Running startLoop(EventSubscriber subscriber) {
		return subscriber.start(spec(), this);
	}

}
