package io.chatscalable.bot.accounting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageContentTest {

	@Test
	void roundTripsThroughThePaddedContent() {
		MessageContent content = new MessageContent("abc123", 42, 7, -123_456_789L);
		String text = content.encode(100);
		assertThat(text).hasSize(100).startsWith("bot|abc123|42|7|-123456789|").endsWith("xxx");
		assertThat(MessageContent.decode(text)).isEqualTo(content);
		assertThat(content.clientMessageId()).isEqualTo("abc123-42-7");
	}

	@Test
	void aContentLongerThanTheSizeIsNotCut() {
		MessageContent content = new MessageContent("r", 1, 1, 1);
		assertThat(content.encode(3)).isEqualTo("bot|r|1|1|1|");
	}

	@Test
	void otherContentIsNotABotMessage() {
		assertThat(MessageContent.decode("hello")).isNull();
		assertThat(MessageContent.decode("bot|r|x|1|2|")).isNull();
		assertThat(MessageContent.decode("bot|r|1|2")).isNull();
		assertThat(MessageContent.decode(null)).isNull();
	}

	@Test
	void theHeaderLengthCoversTheLongestHeader() {
		int length = MessageContent.headerLength("abcdef", 20_000);
		assertThat(new MessageContent("abcdef", 19_999, Integer.MAX_VALUE, Long.MIN_VALUE).encode(0).length())
			.isLessThanOrEqualTo(length);
	}

}
