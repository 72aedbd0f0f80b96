package io.chatscalable.chat.session;

import java.util.Collection;

import org.springframework.stereotype.Component;

/**
 * The face of this node's sockets for features that deliver their own frames (read
 * receipts, presence, typing): each frame is serialized once by the caller and the same
 * bytes are offered to every recipient's bounded queue, as the chat fan-out does. Never
 * blocks.
 */
@Component
public class LocalSockets {

	private final SessionRegistry registry;

	LocalSockets(SessionRegistry registry) {
		this.registry = registry;
	}

	/** Whether some local socket joined the room: lets callers skip encoding. */
	public boolean anyInRoom(long roomId) {
		return !this.registry.inRoom(roomId).isEmpty();
	}

	/** Whether the user has a socket on this node. */
	public boolean anyOfUser(long userId) {
		return !this.registry.ofUser(userId).isEmpty();
	}

	/**
	 * Offers the frame (UTF-8 JSON, not modified afterwards) to the local sockets joined
	 * to the room, except those of {@code exceptUserId}; returns how many got it.
	 */
	public int toRoom(long roomId, long exceptUserId, byte[] utf8) {
		return offer(this.registry.inRoom(roomId), exceptUserId, null, new OutboundFrame(utf8));
	}

	/**
	 * Offers the frame to every local socket of the user except {@code exceptSocketId}
	 * (may be null); returns how many got it.
	 */
	public int toUser(long userId, String exceptSocketId, byte[] utf8) {
		return offer(this.registry.ofUser(userId), -1, exceptSocketId, new OutboundFrame(utf8));
	}

	private static int offer(Collection<ChatSession> sessions, long exceptUserId, String exceptSocketId,
			OutboundFrame frame) {
		int count = 0;
		for (ChatSession session : sessions) {
			if (session.user().id() == exceptUserId || session.id().equals(exceptSocketId)) {
				continue;
			}
			session.offer(frame);
			count++;
		}
		return count;
	}

}
