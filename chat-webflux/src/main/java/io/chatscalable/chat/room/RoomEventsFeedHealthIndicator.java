package io.chatscalable.chat.room;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN until this node's room feed has its partitions: before that, a socket joined here
 * would not be taken out of a room its user leaves (the feed starts at the latest offset
 * and would miss the MemberLeft). A load balancer that routes on {@code /actuator/health}
 * sends clients elsewhere during that second of start-up.
 */
@Component
class RoomEventsFeedHealthIndicator extends AbstractReactiveHealthIndicator {

	private final RoomEventsFeed feed;

	RoomEventsFeedHealthIndicator(RoomEventsFeed feed) {
		super("Room feed health check failed");
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
