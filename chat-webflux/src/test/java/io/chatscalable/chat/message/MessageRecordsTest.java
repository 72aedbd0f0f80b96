package io.chatscalable.chat.message;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MessageRecordsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MessageRecords records = new MessageRecords(JSON);

	@Test
	void readsAMessageANodeWrote() {
		ChatMessage message = message(7, "c-1", "hello", ChatMessage.messageId(3, "c-1"));

		assertThat(this.records.read(JSON.writeValueAsString(message))).isEqualTo(message);
	}

	@Test
	void refusesWhatNoNodeWouldHaveWritten() {
		String valid = ChatMessage.messageId(3, "c-1");
		for (String bad : new String[] { "{not json", "null", "[1]",
				JSON.writeValueAsString(message(7, "c-1", "hello", "forged-id")),
				JSON.writeValueAsString(message(0, "c-1", "hello", valid)),
				JSON.writeValueAsString(message(7, "c-1", "  ", valid)),
				JSON.writeValueAsString(message(7, "c-1", "x".repeat(MessageRecords.MAX_CONTENT + 1), valid)),
				"{\"messageId\":\"" + valid + "\",\"roomId\":7,\"senderId\":3}" }) {
			assertThatExceptionOfType(InvalidMessageException.class).as(bad.length() > 80 ? bad.substring(0, 80) : bad)
				.isThrownBy(() -> this.records.read(bad));
		}
	}

	@Test
	void aRecordWithTextTheStoreCannotKeepIsUnreadable() {
		String valid = ChatMessage.messageId(3, "c-1");
		// JSON escapes, as a producer other than a node could write them.
		for (String content : new String[] { "a\\u0000b", "lone high \\ud800", "lone low \\udc00" }) {
			String record = "{\"messageId\":\"" + valid + "\",\"roomId\":7,\"senderId\":3,\"senderName\":\"alice\","
					+ "\"clientMessageId\":\"c-1\",\"content\":\"" + content + "\",\"messageType\":\""
					+ ChatMessage.TEXT + "\",\"sentAt\":1}";
			assertThatExceptionOfType(InvalidMessageException.class).as(content)
				.isThrownBy(() -> this.records.read(record))
				.withMessageContaining("U+0000");
			assertThat(this.records.read(record.replace(content, "fine"))).isNotNull();
		}
	}

	private static ChatMessage message(long roomId, String clientMessageId, String content, String messageId) {
		return new ChatMessage(messageId, roomId, 3, "alice", clientMessageId, content, ChatMessage.TEXT, 1L);
	}

}
