package io.chatscalable.chat.session;

import io.chatscalable.chat.auth.AuthenticatedUser;

/**
 * Handles a {@code typing} frame of a socket joined to the room (the handler checked
 * that). Fire-and-forget: never fails, never blocks; repeats are dropped by its own rate.
 */
public interface TypingNotifier {

	/** The user is typing in the room. */
	void typing(AuthenticatedUser user, long roomId);

}
