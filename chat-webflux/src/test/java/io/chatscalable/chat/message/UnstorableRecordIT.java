package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.List;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import io.chatscalable.chat.support.TestKafka;
import io.chatscalable.chat.support.SocketClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static io.chatscalable.chat.support.SocketClient.sendFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chat record whose text PostgreSQL cannot keep (written by something other than a
 * node, which refuses such content at the edge) is unreadable: dead-lettered at once,
 * never retried, never delivered, and the records behind it are stored.
 */
@IntegrationTest
// A retry would wait 20 s before its second attempt: dead-lettering sooner proves none.
@TestPropertySource(properties = { "chat.messages.store.max-attempts=3", "chat.messages.store.first-backoff=20s" })
class UnstorableRecordIT {

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	@Autowired
	KafkaProperties kafka;

	@Autowired
	MessageStore store;

	@Test
	void aRecordWithNulOrALoneSurrogateIsDeadLetteredAtOnceAndTheRoomGoesOn() throws Exception {
		this.store.ready().block(Duration.ofSeconds(60));
		ChatApi api = new ChatApi(this.port);
		JsonNode login = api.login("ivy", null);
		String token = login.get("token").asString();
		long userId = login.get("user").get("id").asLong();
		long roomId = api.roomWithMembers("poisoned", token);
		try (SocketClient client = SocketClient.joined(this.port, token, roomId)) {
			try (KafkaProducer<String, String> producer = TestKafka.producer(this.kafka.bootstrapServers())) {
				int i = 0;
				// JSON escapes: the record is valid UTF-8 JSON, its decoded content is
				// not
				// storable.
				for (String content : new String[] { "nul \\u0000", "lone high \\ud800", "lone low \\udc00" }) {
					String clientMessageId = "bad-" + i++;
					producer
						.send(new ProducerRecord<>(this.kafka.topics().messages(), Long.toString(roomId),
								record(userId, roomId, clientMessageId, content)))
						.get();
				}
			}
			for (int i = 0; i < 3; i++) {
				client.send(sendFrame("s" + i, roomId, "good-" + i, "storable " + i));
			}

			// Well below the 20 s a single retry would take.
			List<ConsumerRecord<String, String>> dead = TestKafka.awaitRecords(this.kafka.bootstrapServers(),
					this.kafka.topics().messagesDeadLetter(), 3, Duration.ofSeconds(15));
			assertThat(dead).allSatisfy((record) -> assertThat(TestKafka.header(record, DeadLetterHeaders.ERROR))
				.contains("must not contain U+0000 or unpaired UTF-16 surrogates"));
			await().atMost(Duration.ofSeconds(10)).until(() -> count(roomId) == 3);
			// Not delivered live either: only the storable messages reached the socket.
			assertThat(client.messages(3)).extracting((frame) -> frame.get("content").asString())
				.containsExactly("storable 0", "storable 1", "storable 2");
			assertThat(client.receivedSoFar()).filteredOn((frame) -> "message".equals(frame.path("type").asString()))
				.hasSize(3);
		}
	}

	private static String record(long userId, long roomId, String clientMessageId, String content) {
		return "{\"messageId\":\"" + ChatMessage.messageId(userId, clientMessageId) + "\",\"roomId\":" + roomId
				+ ",\"senderId\":" + userId + ",\"senderName\":\"ivy\",\"clientMessageId\":\"" + clientMessageId
				+ "\",\"content\":\"" + content + "\",\"messageType\":\"" + ChatMessage.TEXT + "\",\"sentAt\":1}";
	}

	private long count(long roomId) {
		return this.database.sql("SELECT count(*) AS n FROM messages WHERE room_id = :room")
			.bind("room", roomId)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
	}

}
