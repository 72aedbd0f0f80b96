package io.chatscalable.chat.message;

/** A chat-message record that no retry can make valid. */
class InvalidMessageException extends RuntimeException {

	InvalidMessageException(String message) {
		super(message, null, false, false);
	}

}
