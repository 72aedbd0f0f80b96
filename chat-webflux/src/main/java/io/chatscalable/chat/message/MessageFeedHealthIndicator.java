package io.chatscalable.chat.message;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN until this node's fan-out consumer has its partitions: before that, a socket that
 * joins a room would miss live messages and could not recover. A load balancer that
 * routes on {@code /actuator/health} therefore sends clients elsewhere during that second
 * of start-up.
 */
@Component
class MessageFeedHealthIndicator extends AbstractReactiveHealthIndicator {

	private final MessageFeed feed;

	MessageFeedHealthIndicator(MessageFeed feed) {
		super("Message feed health check failed");
		this.feed = feed;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		int partitions = this.feed.assignedPartitions();
		Health.Builder state = (partitions > 0) ? builder.up()
				: builder.down().withDetail("reason", "waiting for partitions");
		return Mono.just(state.withDetail("partitions", partitions).build());
	}

}
