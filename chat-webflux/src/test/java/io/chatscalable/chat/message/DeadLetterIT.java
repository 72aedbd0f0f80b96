package io.chatscalable.chat.message;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.TopicLayout;
import io.chatscalable.chat.message.replay.DeadLetterReplay;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import io.chatscalable.chat.support.TestKafka;
import io.chatscalable.chat.support.SocketClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record the store can never write goes to the dead-letter topic after its retries,
 * while the records behind it in the same partition are stored; once the cause is fixed,
 * the replay command brings it back.
 */
@IntegrationTest
@TestPropertySource(properties = { "chat.messages.store.max-attempts=3", "chat.messages.store.first-backoff=50ms" })
class DeadLetterIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	TopicLayout layout;

	@Autowired
	MessageStore store;

	@Test
	void aPoisonedRecordIsDeadLetteredWhileLaterRecordsAreStoredAndTheReplayCommandBringsItBack() throws Exception {
		this.store.ready().block(Duration.ofSeconds(60));
		ChatApi api = new ChatApi(this.port);
		JsonNode login = api.login("grace", null);
		String token = login.get("token").asString();
		long userId = login.get("user").get("id").asLong();
		long roomId = api.roomWithMembers("healthy", token);
		// A room that does not exist (yet), whose records share the healthy room's
		// partition.
		long missingRoom = roomInSamePartition(roomId);
		String topic = this.kafka.topics().messages();
		ChatMessage orphan = new ChatMessage(ChatMessage.messageId(userId, "orphan-1"), missingRoom, userId, "grace",
				"orphan-1", "for a room that is not there", ChatMessage.TEXT, System.currentTimeMillis());
		try (KafkaProducer<String, String> producer = TestKafka.producer(this.kafka.bootstrapServers())) {
			producer.send(new ProducerRecord<>(topic, Long.toString(missingRoom), JSON.writeValueAsString(orphan)))
				.get();
			producer.send(new ProducerRecord<>(topic, Long.toString(roomId), "{not json")).get();
		}
		try (SocketClient client = SocketClient.joined(this.port, token, roomId)) {
			for (int i = 0; i < 5; i++) {
				client.send(sendFrame("s" + i, roomId, "after-" + i, "after the poison " + i));
			}
			assertThat(client.messages(5)).hasSize(5);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> count(roomId) == 5);
		List<ConsumerRecord<String, String>> dead = TestKafka.awaitRecords(this.kafka.bootstrapServers(),
				this.kafka.topics().messagesDeadLetter(), 2, Duration.ofSeconds(30));
		assertThat(dead).extracting(ConsumerRecord::value)
			.containsExactlyInAnyOrder(JSON.writeValueAsString(orphan), "{not json");
		ConsumerRecord<String, String> orphanDead = dead.stream()
			.filter((record) -> record.value().contains("orphan-1"))
			.findFirst()
			.orElseThrow();
		assertThat(TestKafka.header(orphanDead, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
		assertThat(TestKafka.header(orphanDead, DeadLetterHeaders.ERROR)).containsIgnoringCase("foreign key");
		assertThat(TestKafka.header(orphanDead, DeadLetterHeaders.PARTITION))
			.isEqualTo(Integer.toString(this.layout.partitionFor(topic, Long.toString(roomId))));

		// The cause is fixed: the room is restored. Then the documented command.
		this.database
			.sql("INSERT INTO rooms (id, name, created_by) OVERRIDING SYSTEM VALUE VALUES (:id, 'restored', :user)")
			.bind("id", missingRoom)
			.bind("user", userId)
			.then()
			.block(Duration.ofSeconds(10));
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int replayed = replay().run(new PrintStream(output, true, StandardCharsets.UTF_8));

		assertThat(replayed).isEqualTo(2);
		assertThat(output.toString(StandardCharsets.UTF_8)).contains("Replayed 2");
		await().atMost(Duration.ofSeconds(30)).until(() -> count(missingRoom) == 1);
		// The unreadable record fails again and is dead-lettered again; the next run
		// replays only that one.
		TestKafka.awaitRecords(this.kafka.bootstrapServers(), this.kafka.topics().messagesDeadLetter(), 3,
				Duration.ofSeconds(30));
		assertThat(replay().run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
			.isEqualTo(1);
		assertThat(count(roomId)).isEqualTo(5);
	}

	private long roomInSamePartition(long roomId) {
		String topic = this.kafka.topics().messages();
		int partition = this.layout.partitionFor(topic, Long.toString(roomId));
		long candidate = 1_000_000;
		while (this.layout.partitionFor(topic, Long.toString(candidate)) != partition) {
			candidate++;
		}
		return candidate;
	}

	private DeadLetterReplay replay() {
		return new DeadLetterReplay(this.kafka.bootstrapServers(), this.kafka.topics().messagesDeadLetter(),
				"chat-dlt-replay");
	}

	private long count(long roomId) {
		return this.database.sql("SELECT count(*) AS n FROM messages WHERE room_id = :room")
			.bind("room", roomId)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
