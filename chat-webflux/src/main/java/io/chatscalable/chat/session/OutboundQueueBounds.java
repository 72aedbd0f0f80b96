package io.chatscalable.chat.session;

import io.chatscalable.chat.message.MessageProperties;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose socket queue cannot hold a whole recovery: the recovered
 * messages are queued at once on join, so a queue smaller than
 * {@code chat.messages.recovery.max-messages} would close every client that missed that
 * many with 4000, and it would reconnect, recover and be closed again, forever.
 */
@Component
class OutboundQueueBounds implements InitializingBean {

	/**
	 * The most bytes one content code point takes in a frame's JSON: a control character
	 * is escaped as a backslash, 'u' and four hex digits (6 bytes); any other code point
	 * is at most 4 bytes of UTF-8 (Jackson writes a surrogate pair as one 4-byte
	 * character).
	 */
	static final int MAX_BYTES_PER_CODE_POINT = 6;

	/**
	 * A message frame's bytes besides its content: field names, ids (clientMessageId at
	 * most 64 characters, the message id built from it), the sender's name (at most 32),
	 * numbers.
	 */
	static final int MESSAGE_FRAME_ENVELOPE = 512;

	private final SessionProperties session;

	private final MessageProperties messages;

	OutboundQueueBounds(SessionProperties session, MessageProperties messages) {
		this.session = session;
		this.messages = messages;
	}

	@Override
	public void afterPropertiesSet() {
		check(this.session, this.messages.recovery().maxMessages());
	}

	static void check(SessionProperties session, int maxRecovered) {
		// The recovered messages and the joined frame before them.
		if (maxRecovered + 1 > session.outboundQueue()) {
			throw new IllegalStateException("chat.websocket.outbound-queue (" + session.outboundQueue()
					+ " frames) must hold a whole recovery: chat.messages.recovery.max-messages (" + maxRecovered
					+ ") + 1. Raise the queue or lower max-messages");
		}
		long worstRecovery = (long) maxRecovered * worstMessageFrame(session);
		if (worstRecovery > session.outboundQueueBytes().toBytes()) {
			throw new IllegalStateException("chat.websocket.outbound-queue-bytes (" + session.outboundQueueBytes()
					+ ") must hold a whole recovery: chat.messages.recovery.max-messages (" + maxRecovered
					+ ") messages of chat.websocket.max-message-length (" + session.maxMessageLength()
					+ ") code points take up to " + worstRecovery + " bytes. Raise the queue or lower either");
		}
	}

	/** The largest frame a message can make. */
	static long worstMessageFrame(SessionProperties session) {
		return (long) session.maxMessageLength() * MAX_BYTES_PER_CODE_POINT + MESSAGE_FRAME_ENVELOPE;
	}

}
