package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.OptionalLong;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.TopicLayout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Sending a chat message: the public face of the message feature's write path. The caller
 * has checked membership and input; this publishes straight to Kafka and answers within
 * the delivery timeout, always.
 * <p>
 * <b>Re-sends.</b> The message id is derived from sender and client message id, so a
 * re-send (after a lost ack, a nack, or its node's death) carries the same id. Before
 * publishing, the node looks the id up in its feed's de-duplication window: if the
 * message is already in Kafka, the answer is an ack with the first copy's position
 * ({@code duplicate: true}) and nothing is published. If a copy reached Kafka that this
 * node's feed had not read yet, the re-send is published again; that second copy is never
 * shown (every feed drops it, the store keeps the first), and the ack carries the first
 * copy's position when the feed has read it by then. No round trip to Redis or PostgreSQL
 * is made for any of this.
 */
@Service
public class MessageSender {

	private final MessagePublisher publisher;

	private final MessageFeed feed;

	private final TopicLayout layout;

	private final String topic;

	private final Duration deliveryTimeout;

	private final Counter resent;

	MessageSender(MessagePublisher publisher, MessageFeed feed, TopicLayout layout, KafkaProperties kafka,
			MeterRegistry meters) {
		this.publisher = publisher;
		this.feed = feed;
		this.layout = layout;
		this.topic = kafka.topics().messages();
		this.deliveryTimeout = kafka.deliveryTimeout();
		this.resent = Counter.builder("chat.messages.resent")
			.description("Sends acknowledged from the de-duplication window without publishing")
			.register(meters);
	}

	/**
	 * Sends {@code content} to the room as {@code user}; emits the accepted message, or
	 * {@link MessageRejectedException} when it was not accepted, within the delivery
	 * timeout.
	 */
	public Mono<SentMessage> send(AuthenticatedUser user, long roomId, String clientMessageId, String content) {
		String messageId = ChatMessage.messageId(user.id(), clientMessageId);
		int partition = this.layout.partitionFor(this.topic, Long.toString(roomId));
		Long earlier = this.feed.firstPosition(partition, messageId);
		if (earlier != null) {
			this.resent.increment();
			return Mono.just(new SentMessage(messageId, earlier, true));
		}
		ChatMessage message = new ChatMessage(messageId, roomId, user.id(), user.username(), clientMessageId, content,
				ChatMessage.TEXT, System.currentTimeMillis());
		return this.publisher.publish(message)
			// The producer answers within the delivery timeout once it has the record;
			// this bounds the rest too (a full buffer or missing metadata blocking
			// send(), a queue behind it), so no send is left unanswered. A late answer
			// is dropped quietly: the client was told to retry, and a copy is shown once.
			.timeout(this.deliveryTimeout, Mono.just(OptionalLong.empty()))
			.flatMap((position) -> position.isPresent()
					? Mono.just(accepted(partition, messageId, position.getAsLong()))
					: Mono.error(new MessageRejectedException(NackCode.BROKER_UNAVAILABLE,
							"The broker did not accept the message in time; retry with the same clientMessageId")));
	}

	/** The ack of a published message: its first copy's position when it has two. */
	private SentMessage accepted(int partition, String messageId, long position) {
		Long first = this.feed.firstPosition(partition, messageId);
		if (first != null && first < position) {
			return new SentMessage(messageId, first, true);
		}
		return new SentMessage(messageId, position, false);
	}

}
