package io.chatscalable.chat.signal;

import java.util.List;
import java.util.Map;

import io.chatscalable.chat.infra.kafka.EventPublisher;
import io.chatscalable.chat.infra.kafka.OutgoingRecord;
import io.chatscalable.chat.infra.lifecycle.LifecycleSubscription;
import io.chatscalable.chat.node.NodeIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Where features hand their ephemeral signals: coalesced in a {@link SignalBuffer} and
 * published to the signal topic every {@code chat.signals.flush-interval}. Never blocks,
 * never fails the caller: a signal that cannot be buffered or published is dropped and
 * counted ({@code chat.signals.dropped}), because losing a typing notice or a receipt
 * must never break chat.
 */
@Component
public class SignalBus extends LifecycleSubscription {

	private static final Logger log = LoggerFactory.getLogger(SignalBus.class);

	/**
	 * Signals per record: about 100 bytes each, so a record stays near 100 KB, far below
	 * the broker's 1 MB default.
	 */
	static final int MAX_PER_RECORD = 1000;

	/**
	 * Publishes in flight at once. While Kafka is slow, later flushes are skipped and
	 * their signals keep coalescing in the (bounded) buffer instead of piling up sends.
	 */
	private static final int MAX_IN_FLIGHT = 4;

	private final EventPublisher publisher;

	private final JsonMapper json;

	private final SignalProperties properties;

	private final String node;

	private final SignalBuffer buffer;

	private final Counter published;

	private final Counter dropped;

	SignalBus(EventPublisher publisher, JsonMapper json, SignalProperties properties, NodeIdentity node,
			MeterRegistry meters) {
		this.publisher = publisher;
		this.json = json;
		this.properties = properties;
		this.node = node.id();
		this.buffer = new SignalBuffer(properties.maxPending());
		this.published = Counter.builder("chat.signals.published").register(meters);
		this.dropped = Counter.builder("chat.signals.dropped").register(meters);
	}

	/** A read position, coalesced per room and user. */
	public void read(Signals.Read read) {
		count(this.buffer.add(read));
	}

	/** A typing notice, coalesced per room and user. */
	public void typing(Signals.Typing typing) {
		count(this.buffer.add(typing));
	}

	/** A presence change, coalesced per user. */
	public void presence(Signals.Presence presence) {
		count(this.buffer.add(presence));
	}

	private void count(boolean buffered) {
		if (!buffered) {
			this.dropped.increment();
		}
	}

	/** Publishes what is buffered now. */
	Mono<Void> flush() {
		List<Signals> records = this.buffer.drain(this.node, MAX_PER_RECORD);
		return Flux.fromIterable(records).concatMap(this::publish).then();
	}

	private Mono<Void> publish(Signals signals) {
		byte[] value = this.json.writeValueAsBytes(signals);
		OutgoingRecord<Void> record = new OutgoingRecord<>(this.properties.topic(), this.node,
				new String(value, java.nio.charset.StandardCharsets.UTF_8), Map.of(), null);
		return this.publisher.publishOne(record).doOnNext((result) -> {
			if (result.acknowledged()) {
				this.published.increment(signals.size());
			}
			else {
				dropped(signals, result.error());
			}
		}).onErrorResume((error) -> {
			dropped(signals, error);
			return Mono.empty();
		}).then();
	}

	private void dropped(Signals signals, Throwable error) {
		// Fail open: ephemeral signals are not worth a retry that would delay newer ones.
		this.dropped.increment(signals.size());
		log.debug("Dropped {} signals: {}", signals.size(), String.valueOf(error));
	}

	@Override
	protected Disposable subscribe() {
		return Flux.interval(this.properties.flushInterval())
			.onBackpressureDrop()
			.flatMap((tick) -> flush(), MAX_IN_FLIGHT)
			.subscribe(null, (error) -> log.error("Signal flushing stopped", error));
	}

}
