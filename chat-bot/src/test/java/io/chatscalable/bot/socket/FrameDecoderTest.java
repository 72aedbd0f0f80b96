package io.chatscalable.bot.socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameDecoderTest {

	private final FrameDecoder decoder = new FrameDecoder();

	@Test
	void readsAMessage() {
		InboundFrame frame = this.decoder.decode("{\"type\":\"message\",\"roomId\":42,\"position\":1187,"
				+ "\"messageId\":\"0b6f\",\"senderId\":7,\"senderName\":\"alice\",\"content\":\"bot|r|1|2|3|xx\","
				+ "\"messageType\":\"TEXT\",\"serverTime\":1748779202000}");
		assertThat(frame.type()).isEqualTo("message");
		assertThat(frame.roomId()).isEqualTo(42);
		assertThat(frame.position()).isEqualTo(1187);
		assertThat(frame.content()).isEqualTo("bot|r|1|2|3|xx");
	}

	@Test
	void readsAnAckAndANackWithEitherCodeField() {
		InboundFrame ack = this.decoder.decode("{\"type\":\"ack\",\"id\":\"s1\",\"roomId\":42,"
				+ "\"clientMessageId\":\"r-1-1\",\"messageId\":\"m\",\"position\":5,\"duplicate\":false}");
		assertThat(ack.clientMessageId()).isEqualTo("r-1-1");
		assertThat(ack.position()).isEqualTo(5);
		assertThat(this.decoder.decode("{\"type\":\"nack\",\"code\":\"SERVER_BUSY\"}").code()).isEqualTo("SERVER_BUSY");
		assertThat(this.decoder.decode("{\"type\":\"nack\",\"reason\":\"IN_PROGRESS\"}").code())
			.isEqualTo("IN_PROGRESS");
	}

	@Test
	void readsTheRecoveryResultAndSkipsWhatItDoesNotNeed() {
		InboundFrame joined = this.decoder.decode("{\"type\":\"joined\",\"extra\":{\"a\":[1,{\"b\":2}]},\"id\":\"j0\","
				+ "\"roomId\":42,\"recovery\":{\"result\":\"RECOVERED\",\"count\":2}}");
		assertThat(joined.id()).isEqualTo("j0");
		assertThat(joined.recovery()).isEqualTo("RECOVERED");
		assertThat(this.decoder.decode("{\"type\":\"joined\",\"id\":\"j1\",\"roomId\":1}").recovery()).isNull();
	}

	@Test
	void clientFramesAreValidJson() {
		String send = ClientFrames.send("s1", 42, "r-1-1", "a\"b\\c");
		assertThat(send).isEqualTo(
				"{\"type\":\"send\",\"id\":\"s1\",\"roomId\":42,\"clientMessageId\":\"r-1-1\",\"content\":\"a\\\"b\\\\c\"}");
		assertThat(ClientFrames.join("j0", 7, -1)).isEqualTo("{\"type\":\"join\",\"id\":\"j0\",\"roomId\":7}");
		assertThat(ClientFrames.join("j0", 7, 12))
			.isEqualTo("{\"type\":\"join\",\"id\":\"j0\",\"roomId\":7,\"lastSeenPosition\":12}");
	}

}
