package io.chatscalable.chat.infra.kafka;

/**
 * The node's send queue is full: Kafka is slow or unreachable, or the node is overloaded.
 * Nothing was sent; the caller may retry.
 */
public class SendQueueFullException extends RuntimeException {

	SendQueueFullException(Throwable cause) {
		super("The Kafka send queue is full", cause, false, false);
	}

}
