package io.chatscalable.chat.message;

/**
 * Receives every chat message on this node, in partition order, on the fan-out consumer's
 * thread. Must not block: it hands the message to bounded queues and returns.
 */
@FunctionalInterface
public interface MessageListener {

	void onMessage(DeliveredMessage delivered);

}
