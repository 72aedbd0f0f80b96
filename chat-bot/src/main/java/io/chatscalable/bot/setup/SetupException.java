package io.chatscalable.bot.setup;

/**
 * The scenario could not be set up (a node refused a login, a room or a membership).
 */
public class SetupException extends RuntimeException {

	public SetupException(String message) {
		super(message);
	}

	public SetupException(String message, Throwable cause) {
		super(message, cause);
	}

}
