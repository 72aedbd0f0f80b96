package io.chatscalable.chat.message;

/** Why a send was not accepted (every case is retryable with the same client id). */
public enum NackCode {

	/** Kafka did not acknowledge in time (the message may still have reached it). */
	BROKER_UNAVAILABLE,

	/** The node's send queue is full. */
	SERVER_BUSY

}
