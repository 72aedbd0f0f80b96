package io.chatscalable.chat.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import io.chatscalable.chat.support.KafkaTopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In normal operation every outbox row reaches Kafka exactly once, in order per
 * aggregate, and is cleaned up.
 */
@IntegrationTest
@TestPropertySource(properties = { "chat.outbox.batch-size=7", "chat.outbox.retention=3s",
		"chat.outbox.cleanup-interval=500ms", "chat.outbox.max-attempts=3" })
class OutboxRelayIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	OutboxWriter writer;

	@Autowired
	DatabaseClient database;

	@Autowired
	KafkaProperties kafka;

	@Test
	void everyRowReachesKafkaExactlyOnceInOrderPerAggregate() {
		// Only this test's rows count: the class's other tests leave rows behind (one
		// FAILED), and this class's short retention deletes SENT rows while the test
		// runs, so neither the whole table nor a row count taken now can be compared
		// with later. New rows get ids above the last one the id sequence issued (rows
		// with ids up to it may be deleted by now, so max(id) would not do).
		long floor = lastIssuedId();
		ChatApi api = new ChatApi(this.port);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String token = api.token("user" + i);
			api.createRoom(token, "room " + i);
		}
		// Several events of the same aggregates, interleaved, to make order per key
		// observable.
		for (int round = 0; round < 5; round++) {
			for (int aggregate = 0; aggregate < 3; aggregate++) {
				ids.add(this.writer
					.append(new OutboxMessage("user", "order-" + aggregate, "OrderProbe", Map.of("round", round)))
					.block(Duration.ofSeconds(10)));
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("SELECT count(*) FROM outbox WHERE id > " + floor + " AND status <> 'SENT'") == 0);

		List<ConsumerRecord<String, String>> records = new ArrayList<>(
				KafkaTopicReader.readAll(this.kafka.bootstrapServers(), this.kafka.topics().users()));
		records.addAll(KafkaTopicReader.readAll(this.kafka.bootstrapServers(), this.kafka.topics().rooms()));
		List<Long> eventIds = records.stream().map(OutboxRelayIT::eventId).toList();

		// Exactly once: no event twice, and each of the 35 rows this test wrote (10
		// signups, 10 rooms, 15 probes) is in Kafka, whether cleaned up since or not.
		assertThat(eventIds).doesNotHaveDuplicates().containsAll(ids);
		assertThat(eventIds.stream().filter((id) -> id > floor)).hasSize(35);
		Map<String, List<ConsumerRecord<String, String>>> byKey = records.stream()
			.collect(Collectors.groupingBy((record) -> record.topic() + "/" + record.key()));
		byKey.values().forEach((perKey) -> {
			List<Long> inOffsetOrder = perKey.stream()
				.sorted(Comparator.comparingLong(ConsumerRecord::offset))
				.map(OutboxRelayIT::eventId)
				.toList();
			assertThat(inOffsetOrder).isSorted();
		});
		assertThat(byKey.get(this.kafka.topics().users() + "/order-1")).hasSize(5);
	}

	@Test
	void sentRowsAreCleanedUpAfterTheirRetention() {
		long id = this.writer.append(new OutboxMessage("user", "cleanup", "CleanupProbe", Map.of()))
			.block(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT count(*) FROM outbox WHERE id = " + id + " AND status = 'SENT'") == 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM outbox WHERE id = " + id) == 0);
	}

	@Test
	void aRowThatCannotBePublishedIsSetAsideAndDoesNotHoldUpTheOthers() {
		long poison = this.writer.append(new OutboxMessage("nowhere", "p1", "PoisonProbe", Map.of()))
			.block(Duration.ofSeconds(10));
		long healthy = this.writer.append(new OutboxMessage("user", "h1", "HealthyProbe", Map.of()))
			.block(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT count(*) FROM outbox WHERE id = " + healthy + " AND status = 'SENT'") == 1);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("SELECT count(*) FROM outbox WHERE id = " + poison + " AND status = 'FAILED'"
					+ " AND permanent_failures = 3 AND last_error LIKE '%No outbox route%'") == 1);
	}

	private static long eventId(ConsumerRecord<String, String> record) {
		return JSON.readTree(record.value()).get("eventId").asLong();
	}

	private long lastIssuedId() {
		String sequence = this.database.sql("SELECT pg_get_serial_sequence('outbox', 'id')")
			.map((row) -> row.get(0, String.class))
			.one()
			.block(Duration.ofSeconds(10));
		return count("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + sequence);
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
	}

}
