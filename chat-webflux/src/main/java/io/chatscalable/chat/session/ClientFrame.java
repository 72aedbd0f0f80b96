package io.chatscalable.chat.session;

/**
 * Frames a client sends (docs/protocol.md). Each may carry an {@code id} that the answer
 * echoes.
 */
sealed interface ClientFrame {

	/** The client's id for this frame, echoed in the answer; may be null. */
	String id();

	record Ping(String id) implements ClientFrame {
	}

	/**
	 * Join a room (the user must be a member); {@code lastSeenPosition} is for recovery
	 * and may be null.
	 */
	record Join(String id, long roomId, Long lastSeenPosition) implements ClientFrame {
	}

	record Leave(String id, long roomId) implements ClientFrame {
	}

	/**
	 * Send a message to a joined room; {@code clientMessageId} makes a retried send the
	 * same message.
	 */
	record Send(String id, long roomId, String clientMessageId, String content) implements ClientFrame {
	}

	/** Mark a joined room read up to {@code position}; answered with marked-read. */
	record Read(String id, long roomId, long position) implements ClientFrame {
	}

	/** The user is typing in a joined room; fire-and-forget. */
	record Typing(String id, long roomId) implements ClientFrame {
	}

}
