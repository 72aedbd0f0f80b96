package io.chatscalable.chat.message;

/**
 * A send that was not accepted; nothing was published (or what was is reported failed by
 * the broker), and the client may retry with the same client message id.
 */
public class MessageRejectedException extends RuntimeException {

	private final NackCode code;

	MessageRejectedException(NackCode code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	public NackCode code() {
		return this.code;
	}

}
