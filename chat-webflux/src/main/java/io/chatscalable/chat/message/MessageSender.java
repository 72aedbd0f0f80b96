package io.chatscalable.chat.message;

import io.chatscalable.chat.auth.AuthenticatedUser;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Sending a chat message: the public face of the message feature's write path. The caller
 * has checked membership and input; this de-duplicates by client message id, then
 * publishes straight to Kafka.
 */
@Service
public class MessageSender {

	private final SendDeduplication dedup;

	private final MessagePublisher publisher;

	MessageSender(SendDeduplication dedup, MessagePublisher publisher) {
		this.dedup = dedup;
		this.publisher = publisher;
	}

	/**
	 * Sends {@code content} to the room as {@code user}; emits the accepted message, or
	 * {@link MessageRejectedException} when it was not accepted.
	 */
	public Mono<SentMessage> send(AuthenticatedUser user, long roomId, String clientMessageId, String content) {
		ChatMessage message = new ChatMessage(ChatMessage.messageId(user.id(), clientMessageId), roomId, user.id(),
				user.username(), clientMessageId, content, ChatMessage.TEXT, System.currentTimeMillis());
		String key = SendDeduplication.key(user.id(), clientMessageId);
		return this.dedup.claim(key).flatMap((claim) -> switch (claim.kind()) {
			case SENT -> Mono.just(new SentMessage(message.messageId(), claim.position(), true));
			case IN_PROGRESS -> Mono.error(new MessageRejectedException(NackCode.IN_PROGRESS,
					"An earlier send of this clientMessageId is still in progress; retry shortly"));
			case UNCHECKED -> publish(message);
			case CLAIMED -> publish(message)
				.flatMap((sent) -> this.dedup.complete(key, sent.position()).thenReturn(sent))
				.onErrorResume(MessageRejectedException.class, (ex) -> this.dedup.release(key).then(Mono.error(ex)));
		});
	}

	private Mono<SentMessage> publish(ChatMessage message) {
		return this.publisher.publish(message).map((position) -> new SentMessage(message.messageId(), position, false));
	}

}
