package io.chatscalable.chat.signal;

import java.util.List;

import io.chatscalable.chat.infra.kafka.ConsumerSpec;
import io.chatscalable.chat.infra.kafka.EventSubscriber;
import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.RecordConsumer;
import io.chatscalable.chat.node.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Every node's signals, on every node: a fan-out consumer of the signal topic (its own
 * random group, from the latest offset, never committing) that hands each record to the
 * {@link SignalRelay} on the consumer's thread. Signals produced while a node was away
 * are not replayed to it: they are ephemeral.
 */
@Component
public class SignalFeed extends RecordConsumer {

	private static final Logger log = LoggerFactory.getLogger(SignalFeed.class);

	private final SignalProperties properties;

	private final NodeIdentity node;

	private final JsonMapper json;

	private final SignalRelay relay;

	SignalFeed(EventSubscriber subscriber, SignalProperties properties, NodeIdentity node, JsonMapper json,
			SignalRelay relay) {
		super(subscriber);
		this.properties = properties;
		this.node = node;
		this.json = json;
		this.relay = relay;
	}

	@Override
	public Mono<Void> handle(IncomingRecord record) {
		Signals signals;
		try {
			signals = this.json.readValue(record.value(), Signals.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			log.error("Skipping unreadable signal record {}: {}", record.coordinates(), ex.getMessage());
			return Mono.empty();
		}
		if (signals != null) {
			this.relay.deliver(signals);
		}
		return Mono.empty();
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.fanOut("chat-signal-feed", this.node.id(), List.of(this.properties.topic()));
	}

}
