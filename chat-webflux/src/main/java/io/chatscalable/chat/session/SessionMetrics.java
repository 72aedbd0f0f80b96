package io.chatscalable.chat.session;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.chatscalable.chat.message.NackCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The socket edge's meters: sends and their answers, deliveries to sockets, and the
 * sockets and frames the node refused. Every tagged meter is registered up front, so a
 * dashboard shows 0 rather than nothing for a code that never occurred.
 */
@Component
class SessionMetrics {

	static final String CODE_TAG = "code";

	static final String OUTCOME_TAG = "outcome";

	private final Counter sends;

	private final Counter acks;

	private final Map<NackCode, Counter> nacks = new EnumMap<>(NackCode.class);

	private final Timer ackLatency;

	private final Timer nackLatency;

	private final Counter delivered;

	private final Counter slowConsumerClosed;

	private final Counter rateLimited;

	SessionMetrics(MeterRegistry meters) {
		this.sends = Counter.builder("chat.messages.sends")
			.description("send frames of joined rooms handled (each is answered with an ack or a nack)")
			.register(meters);
		this.acks = Counter.builder("chat.messages.acks")
			.description("Sends acknowledged: Kafka has the message")
			.register(meters);
		for (NackCode code : NackCode.values()) {
			this.nacks.put(code,
					Counter.builder("chat.messages.nacks")
						.tag(CODE_TAG, code.name())
						.description("Sends not accepted, by nack code (the client retries with the same id)")
						.register(meters));
		}
		this.ackLatency = latency(meters, "ack");
		this.nackLatency = latency(meters, "nack");
		this.delivered = Counter.builder("chat.messages.delivered")
			.description("Live chat messages queued to local sockets (one per socket of the room)")
			.register(meters);
		this.slowConsumerClosed = Counter.builder("chat.sockets.slow.consumer.closed")
			.description("Sockets closed with 4000 because their outbound queue was full")
			.register(meters);
		this.rateLimited = Counter.builder("chat.frames.rate.limited")
			.description("Inbound frames refused with RATE_LIMITED (over chat.websocket.frames-per-second)")
			.register(meters);
	}

	private static Timer latency(MeterRegistry meters, String outcome) {
		return Timer.builder("chat.messages.send.latency")
			.tag(OUTCOME_TAG, outcome)
			.description("From a send frame being handled to its ack or nack being ready for the socket")
			// Buckets for histogram_quantile; the delivery timeout (15 s) bounds a send.
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(meters);
	}

	void sendHandled() {
		this.sends.increment();
	}

	void acked(long startNanos) {
		this.acks.increment();
		this.ackLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	void nacked(NackCode code, long startNanos) {
		this.nacks.get(code).increment();
		this.nackLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	void delivered(int sockets) {
		this.delivered.increment(sockets);
	}

	void slowConsumerClosed() {
		this.slowConsumerClosed.increment();
	}

	void rateLimited() {
		this.rateLimited.increment();
	}

}
