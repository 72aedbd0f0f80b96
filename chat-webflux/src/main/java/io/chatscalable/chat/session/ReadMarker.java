package io.chatscalable.chat.session;

import io.chatscalable.chat.auth.AuthenticatedUser;
import reactor.core.publisher.Mono;

/**
 * Handles a {@code read} frame of a socket joined to the room (the handler checked that):
 * emits the user's last-read position of the room after the mark (never lower than
 * before).
 */
public interface ReadMarker {

	/** Marks the room read up to {@code position} for the user. */
	Mono<Long> markRead(AuthenticatedUser user, long roomId, long position, String socketId);

}
