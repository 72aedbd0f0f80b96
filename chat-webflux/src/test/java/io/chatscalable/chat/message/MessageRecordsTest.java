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

	private static ChatMessage message(long roomId, String clientMessageId, String content, String messageId) {
		return new ChatMessage(messageId, roomId, 3, "alice", clientMessageId, content, ChatMessage.TEXT, 1L);
	}

}
