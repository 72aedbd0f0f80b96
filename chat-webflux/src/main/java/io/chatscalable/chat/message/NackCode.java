package io.chatscalable.chat.message;

/** Why a send was not accepted (every case is retryable with the same client id). */
public enum NackCode {

	/** Kafka did not acknowledge in time. */
	BROKER_UNAVAILABLE,

	/** The node's send queue is full. */
	SERVER_BUSY,

	/** A send of the same client message id is still waiting for the broker. */
	IN_PROGRESS

}
