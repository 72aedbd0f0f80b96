package io.chatscalable.chat.signal;

import io.chatscalable.chat.session.LocalSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns signals into frames for this node's sockets (docs/protocol.md), each encoded once
 * and only when a local socket gets it:
 * <ul>
 * <li>read: {@code read-receipt} to the room's joined sockets of other users, and
 * {@code read-state} to the reader's other sockets;</li>
 * <li>typing: {@code typing} to the room's joined sockets of other users;</li>
 * <li>presence: {@code presence} to the joined sockets of other users in each of the
 * user's rooms.</li>
 * </ul>
 * Runs on the signal feed's thread and never blocks.
 */
@Component
class SignalRelay {

	private static final Logger log = LoggerFactory.getLogger(SignalRelay.class);

	private final LocalSockets sockets;

	private final JsonMapper json;

	SignalRelay(LocalSockets sockets, JsonMapper json) {
		this.sockets = sockets;
		this.json = json;
	}

	void deliver(Signals signals) {
		for (Signals.Read read : signals.reads()) {
			guarded(() -> read(read));
		}
		for (Signals.Typing typing : signals.typing()) {
			guarded(() -> {
				if (this.sockets.anyInRoom(typing.roomId())) {
					this.sockets.toRoom(typing.roomId(), typing.userId(), encode(new TypingFrame("typing",
							typing.roomId(), typing.userId(), typing.username(), typing.expiresInMs())));
				}
			});
		}
		for (Signals.Presence presence : signals.presence()) {
			guarded(() -> presence(presence));
		}
	}

	private void read(Signals.Read read) {
		if (this.sockets.anyInRoom(read.roomId())) {
			this.sockets.toRoom(read.roomId(), read.userId(), encode(new ReadReceiptFrame("read-receipt", read.roomId(),
					read.userId(), read.username(), read.position())));
		}
		if (this.sockets.anyOfUser(read.userId())) {
			this.sockets.toUser(read.userId(), read.socketId(),
					encode(new ReadStateFrame("read-state", read.roomId(), read.position())));
		}
	}

	private void presence(Signals.Presence presence) {
		for (long roomId : presence.roomIds()) {
			if (this.sockets.anyInRoom(roomId)) {
				this.sockets.toRoom(roomId, presence.userId(), encode(new PresenceFrame("presence", roomId,
						presence.userId(), presence.username(), presence.online())));
			}
		}
	}

	private static void guarded(Runnable delivery) {
		try {
			delivery.run();
		}
		catch (RuntimeException ex) {
			// One bad signal must not cost the others of its record.
			log.error("Could not deliver a signal", ex);
		}
	}

	private byte[] encode(Object frame) {
		return this.json.writeValueAsBytes(frame);
	}

	record ReadReceiptFrame(String type, long roomId, long userId, String username, long lastReadPosition) {
	}

	record ReadStateFrame(String type, long roomId, long lastReadPosition) {
	}

	record TypingFrame(String type, long roomId, long userId, String username, long expiresInMs) {
	}

	record PresenceFrame(String type, long roomId, long userId, String username, boolean online) {
	}

}
