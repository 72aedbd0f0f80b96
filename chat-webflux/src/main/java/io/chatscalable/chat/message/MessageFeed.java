package io.chatscalable.chat.message;

import java.util.List;

import io.chatscalable.chat.infra.kafka.ConsumerLifecycle;
import io.chatscalable.chat.infra.kafka.ConsumerSpec;
import io.chatscalable.chat.infra.kafka.EventSubscriber;
import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.node.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The node's fan-out consumer: a random group id, so that every node reads every chat
 * message, starting at the end of the topic, never committing. Each record goes
 * synchronously to the {@link MessageListener}s, in partition order, so every socket of a
 * room sees the room's messages in one order.
 */
@Component
public class MessageFeed extends ConsumerLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MessageFeed.class);

	private final KafkaProperties kafka;

	private final NodeIdentity node;

	private final JsonMapper json;

	private final List<MessageListener> listeners;

	MessageFeed(EventSubscriber subscriber, KafkaProperties kafka, NodeIdentity node, JsonMapper json,
			List<MessageListener> listeners) {
		super(subscriber);
		this.kafka = kafka;
		this.node = node;
		this.json = json;
		this.listeners = listeners;
	}


	@Override
	public Mono<Void> handle(IncomingRecord record) {
		ChatMessage message;
		try {
			message = this.json.readValue(record.value(), ChatMessage.class);
		}
		catch (JacksonException ex) {
			log.error("Skipping unreadable chat record {}: {}", record.coordinates(), ex.getMessage());
			return Mono.empty();
		}
		DeliveredMessage delivered = new DeliveredMessage(message, record.offset());
		for (MessageListener listener : this.listeners) {
			listener.onMessage(delivered);
		}
		return Mono.empty();
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.fanOut("chat-message-feed", this.node.id(), List.of(this.kafka.topics().messages()));
	}

}
