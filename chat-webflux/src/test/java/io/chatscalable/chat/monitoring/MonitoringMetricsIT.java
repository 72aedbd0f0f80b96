package io.chatscalable.chat.monitoring;

import java.time.Duration;
import java.util.List;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import io.chatscalable.chat.support.SocketClient;
import io.chatscalable.chat.support.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters the dashboards and alerts read move with what happens on a real node: sends
 * and their acks, deliveries to sockets, FAILED outbox rows, dead letters; and every
 * meter carries the node's id.
 */
@IntegrationTest
@TestPropertySource(properties = { "chat.monitoring.poll-interval=1s", "chat.node.id=metrics-node" })
class MonitoringMetricsIT {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DatabaseClient database;

	@Autowired
	KafkaProperties kafka;

	@Test
	void sendsAcksDeliveriesAndLatencyAreCounted() {
		ChatApi api = new ChatApi(this.port);
		String alice = api.token("metrics-alice");
		String bob = api.token("metrics-bob");
		long roomId = api.roomWithMembers("metrics", alice, bob);
		double sends = counter("chat.messages.sends");
		double acks = counter("chat.messages.acks");
		double delivered = counter("chat.messages.delivered");
		long latencies = this.meters.get("chat.messages.send.latency").tag("outcome", "ack").timer().count();

		try (SocketClient sender = SocketClient.joined(this.port, alice, roomId);
				SocketClient receiver = SocketClient.joined(this.port, bob, roomId)) {
			sender.sendAndAwaitAcks(roomId, "m", 3);
			assertThat(receiver.messages(3)).hasSize(3);
			sender.messages(3);
		}

		assertThat(counter("chat.messages.sends") - sends).isEqualTo(3);
		assertThat(counter("chat.messages.acks") - acks).isEqualTo(3);
		// Each message to both sockets of the room.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(counter("chat.messages.delivered") - delivered).isEqualTo(6));
		assertThat(this.meters.get("chat.messages.send.latency").tag("outcome", "ack").timer().count() - latencies)
			.isEqualTo(3);
		// Every nack code reads 0 rather than nothing.
		assertThat(this.meters.get("chat.messages.nacks").counters()).hasSize(2)
			.allSatisfy((nacks) -> assertThat(nacks.count()).isZero());
		assertThat(this.meters.get("chat.messages.acks").counter().getId().getTag("node")).isEqualTo("metrics-node");
		// One pending-tasks gauge per event loop of the server.
		assertThat(this.meters.get("chat.eventloop.pending.tasks").gauges()).isNotEmpty();
	}

	@Test
	void failedOutboxRowsAndDeadLettersShowInTheirGauges() {
		assertThat(outboxRows("FAILED")).isZero();
		this.database
			.sql("INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload, status, last_error)"
					+ " VALUES ('user', 'gauge-probe', 'Probe', '{}'::jsonb, 'FAILED', 'for the gauge')")
			.fetch()
			.rowsUpdated()
			.block(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(outboxRows("FAILED")).isEqualTo(1));

		double deadLetters = this.meters.get("chat.messages.dead.letters").gauge().value();
		try (KafkaProducer<String, String> producer = TestKafka.producer(this.kafka.bootstrapServers())) {
			for (String key : List.of("1", "2")) {
				producer.send(new ProducerRecord<>(this.kafka.topics().messagesDeadLetter(), key, "{}"));
			}
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.meters.get("chat.messages.dead.letters").gauge().value())
				.isEqualTo(deadLetters + 2));
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	private double outboxRows(String status) {
		return this.meters.get("chat.outbox.rows").tag("status", status).gauge().value();
	}

}
