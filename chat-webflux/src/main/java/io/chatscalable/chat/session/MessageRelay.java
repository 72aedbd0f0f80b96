package io.chatscalable.chat.session;

import java.util.Collection;

import io.chatscalable.chat.message.DeliveredMessage;
import io.chatscalable.chat.message.MessageListener;

import org.springframework.stereotype.Component;

/**
 * Delivers every chat message to the local sockets that joined its room: one
 * serialization per node, then the same bytes offered to each socket's bounded queue.
 * Runs on the fan-out consumer's thread and never blocks; a socket whose queue is full is
 * closed as a slow consumer rather than slowing the others.
 */
@Component
class MessageRelay implements MessageListener {

	private final SessionRegistry registry;

	private final ServerFrames frames;

	private final SessionMetrics metrics;

	MessageRelay(SessionRegistry registry, ServerFrames frames, SessionMetrics metrics) {
		this.registry = registry;
		this.metrics = metrics;
		this.frames = frames;
	}

	@Override
	public void onMessage(DeliveredMessage delivered) {
		Collection<ChatSession> recipients = this.registry.inRoom(delivered.message().roomId());
		if (recipients.isEmpty()) {
			return;
		}
		OutboundFrame frame = this.frames.message(delivered);
		// Counted as offered: recipients is the registry's live set, which sockets
		// closing
		// meanwhile shrink, so its size after the loop can undercount.
		int queued = 0;
		for (ChatSession session : recipients) {
			if (session.offerMessage(delivered.message().roomId(), delivered.position(), frame)) {
				queued++;
			}
		}
		this.metrics.delivered(queued);
	}

}
