package io.chatscalable.chat.infra.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start subscribes once; stop disposes that subscription, then runs the subclass's last
 * work (also for a subscription that never started); a stopped one can start again.
 */
class LifecycleSubscriptionTest {

	private final List<String> events = new ArrayList<>();

	private final Sinks.Many<String> source = Sinks.many().multicast().directBestEffort();

	private final LifecycleSubscription subscription = new LifecycleSubscription() {

		@Override
		protected Disposable subscribe() {
			LifecycleSubscriptionTest.this.events.add("subscribed");
			return LifecycleSubscriptionTest.this.source.asFlux().subscribe(LifecycleSubscriptionTest.this.events::add);
		}

		@Override
		protected void afterStop() {
			LifecycleSubscriptionTest.this.events.add("after stop");
		}

	};

	@Test
	void startSubscribesAndStopDisposesThenFinishes() {
		assertThat(this.subscription.isRunning()).isFalse();
		this.subscription.start();
		assertThat(this.subscription.isRunning()).isTrue();
		this.source.tryEmitNext("one");

		this.subscription.stop();
		assertThat(this.subscription.isRunning()).isFalse();
		assertThat(this.source.currentSubscriberCount()).isZero();
		this.source.tryEmitNext("not seen");

		this.subscription.start();
		this.source.tryEmitNext("two");
		assertThat(this.events).containsExactly("subscribed", "one", "after stop", "subscribed", "two");
	}

	@Test
	void aStopWithoutAStartStillFinishes() {
		this.subscription.stop();
		assertThat(this.events).containsExactly("after stop");
		assertThat(this.subscription.isRunning()).isFalse();
	}

}
