package io.chatscalable.chat.session;

/**
 * A client frame that cannot be handled, with the error frame's code; hot path, so no
 * stack trace.
 */
final class InvalidFrameException extends RuntimeException {

	private final ErrorCode code;

	private final String frameId;

	InvalidFrameException(ErrorCode code, String message, String frameId) {
		super(message, null, false, false);
		this.code = code;
		this.frameId = frameId;
	}

	ErrorCode code() {
		return this.code;
	}

	String frameId() {
		return this.frameId;
	}

}
