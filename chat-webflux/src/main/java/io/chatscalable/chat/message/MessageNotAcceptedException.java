package io.chatscalable.chat.message;

/**
 * The broker did not acknowledge a message; it was not sent and the client gets a nack.
 */
public class MessageNotAcceptedException extends RuntimeException {

	MessageNotAcceptedException(Throwable cause) {
		super("The broker did not acknowledge the message: " + cause, cause, false, false);
	}

}
