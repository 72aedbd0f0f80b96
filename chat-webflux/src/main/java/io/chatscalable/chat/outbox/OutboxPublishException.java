package io.chatscalable.chat.outbox;

/**
 * Some rows of a batch were not acknowledged; they stay pending and the relay backs off.
 */
class OutboxPublishException extends RuntimeException {

	OutboxPublishException(int failed, int batch, Throwable firstCause) {
		super(failed + " of " + batch + " outbox rows were not published", firstCause, false, false);
	}

}
