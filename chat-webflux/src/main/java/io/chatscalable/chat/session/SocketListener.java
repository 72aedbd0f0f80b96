package io.chatscalable.chat.session;

import io.chatscalable.chat.auth.AuthenticatedUser;

/**
 * Told when a socket of this node opens (after it is registered) and when it closes
 * (after it is removed). Called on the socket's event loop: must not block.
 */
public interface SocketListener {

	/** A socket of the user opened. */
	void opened(AuthenticatedUser user, String socketId);

	/** That socket closed. */
	void closed(AuthenticatedUser user, String socketId);

}
