package io.chatscalable.chat.room;

import io.chatscalable.chat.infra.kafka.PartitionsHealthIndicator;

import org.springframework.stereotype.Component;

/**
 * DOWN until this node's room feed has its partitions: before that, a socket joined here
 * would not be taken out of a room its user leaves (the feed starts at the latest offset
 * and would miss the MemberLeft). A load balancer that routes on {@code /actuator/health}
 * sends clients elsewhere during that second of start-up.
 */
@Component
class RoomEventsFeedHealthIndicator extends PartitionsHealthIndicator {

	RoomEventsFeedHealthIndicator(RoomEventsFeed feed) {
		super("Room feed", feed::assignedPartitions);
	}

}
