package io.chatscalable.chat.session;

/**
 * Frames the server sends; each serializes to a JSON object whose {@code type} names it
 * (see docs/protocol.md).
 */
sealed interface ServerFrame {

	/** The frame's type, the first field of its JSON. */
	String type();

	/** First frame of every connection. */
	record Welcome(String type, String sessionId, String nodeId, long serverTime) implements ServerFrame {

		Welcome(String sessionId, String nodeId, long serverTime) {
			this("welcome", sessionId, nodeId, serverTime);
		}

	}

	/** Answer to a ping, echoing its id. */
	record Pong(String type, String id, long serverTime) implements ServerFrame {

		Pong(String id, long serverTime) {
			this("pong", id, serverTime);
		}

	}

	/** A client frame could not be handled; the connection stays usable. */
	record Error(String type, String code, String message, String id) implements ServerFrame {

		Error(ErrorCode code, String message, String id) {
			this("error", code.name(), message, id);
		}

	}

}
