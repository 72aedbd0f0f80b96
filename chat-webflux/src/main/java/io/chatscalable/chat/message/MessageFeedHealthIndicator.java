package io.chatscalable.chat.message;

import io.chatscalable.chat.infra.kafka.PartitionsHealthIndicator;

import org.springframework.stereotype.Component;

/**
 * DOWN until this node's fan-out consumer has its partitions: before that, a socket that
 * joins a room would miss live messages and could not recover. A load balancer that
 * routes on {@code /actuator/health} therefore sends clients elsewhere during that second
 * of start-up.
 */
@Component
class MessageFeedHealthIndicator extends PartitionsHealthIndicator {

	MessageFeedHealthIndicator(MessageFeed feed) {
		super("Message feed", feed::assignedPartitions);
	}

}
