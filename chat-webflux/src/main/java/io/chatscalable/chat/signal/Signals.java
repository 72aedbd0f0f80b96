package io.chatscalable.chat.signal;

import java.util.List;

/**
 * What travels on the signal topic: one node's coalesced signals of one flush.
 *
 * @param node the publishing node
 * @param reads read positions (latest per room and user)
 * @param typing typing notices (one per room and user)
 * @param presence presence changes (latest per user)
 */
public record Signals(String node, List<Read> reads, List<Typing> typing, List<Presence> presence) {

	public Signals {
		reads = (reads != null) ? reads : List.of();
		typing = (typing != null) ? typing : List.of();
		presence = (presence != null) ? presence : List.of();
	}

	int size() {
		return this.reads.size() + this.typing.size() + this.presence.size();
	}

	/**
	 * A member read a room up to a position.
	 *
	 * @param roomId the room
	 * @param userId the reader
	 * @param username the reader's name
	 * @param position the reader's last-read position after the mark
	 * @param socketId the socket that marked it (it got marked-read and needs no
	 * read-state), or null over REST
	 */
	public record Read(long roomId, long userId, String username, long position, String socketId) {
	}

	/**
	 * A member is typing.
	 *
	 * @param roomId the room
	 * @param userId the typist
	 * @param username the typist's name
	 * @param expiresInMs how long clients show it
	 */
	public record Typing(long roomId, long userId, String username, long expiresInMs) {
	}

	/**
	 * A user went online (first socket on any node) or offline (last socket closed, or
	 * its node's presence entry expired).
	 *
	 * @param userId the user
	 * @param username the user's name
	 * @param online online or offline
	 * @param roomIds the user's rooms: their joined sockets get the frame
	 */
	public record Presence(long userId, String username, boolean online, List<Long> roomIds) {

		public Presence {
			roomIds = (roomIds != null) ? List.copyOf(roomIds) : List.of();
		}

	}

}
