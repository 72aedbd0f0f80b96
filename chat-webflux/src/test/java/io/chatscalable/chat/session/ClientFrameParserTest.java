package io.chatscalable.chat.session;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Send frames whose content the store could not keep are refused at the edge, before
 * anything is published.
 */
class ClientFrameParserTest {

	private final ClientFrameParser parser = new ClientFrameParser(JsonMapper.builder().build(), 4000);

	@Test
	void refusesContentWithNulOrAnUnpairedSurrogate() {
		// JSON escapes, as a client sends them: the WebSocket text itself is valid UTF-8.
		for (String content : new String[] { "a\\u0000b", "\\u0000", "lone high \\ud800", "\\ud800 then text",
				"lone low \\udc00", "pair then low \\ud83d\\ude00\\ude00" }) {
			assertThatExceptionOfType(InvalidFrameException.class).as(content)
				.isThrownBy(() -> this.parser.parse(send("s1", "c-1", content)))
				.satisfies((ex) -> {
					assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_FRAME);
					assertThat(ex.frameId()).isEqualTo("s1");
					assertThat(ex.getMessage())
						.isEqualTo("Field 'content' must not contain U+0000 or unpaired UTF-16 surrogates");
				});
		}
	}

	@Test
	void keepsStorableContentAndTheClientMessageIdAsTheyAre() {
		ClientFrame.Send send = (ClientFrame.Send) this.parser
			.parse(send("s2", "Client_1.a:b-C", "emoji \\ud83d\\ude00, tab\\t, caf\u00e9"));

		assertThat(send.content()).isEqualTo("emoji \ud83d\ude00, tab\t, caf\u00e9");
		assertThat(send.clientMessageId()).isEqualTo("Client_1.a:b-C");
	}

	@Test
	void refusesAClientMessageIdWithNulOrASurrogate() {
		for (String clientMessageId : new String[] { "c\\u0000", "c\\ud800", "c\\udc00", "c\\ud83d\\ude00" }) {
			assertThatExceptionOfType(InvalidFrameException.class).as(clientMessageId)
				.isThrownBy(() -> this.parser.parse(send("s3", clientMessageId, "hello")))
				.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("Field 'clientMessageId'"));
		}
	}

	@Test
	void readsReadAndTypingFramesAndRefusesBadFields() {
		assertThat(this.parser.parse("{\"type\":\"read\",\"id\":\"r1\",\"roomId\":7,\"position\":1190}"))
			.isEqualTo(new ClientFrame.Read("r1", 7, 1190));
		assertThat(this.parser.parse("{\"type\":\"typing\",\"roomId\":7}")).isEqualTo(new ClientFrame.Typing(null, 7));
		for (String bad : new String[] { "{\"type\":\"read\",\"roomId\":7}",
				"{\"type\":\"read\",\"roomId\":7,\"position\":-1}",
				"{\"type\":\"read\",\"roomId\":7,\"position\":\"9\"}",
				"{\"type\":\"read\",\"roomId\":0,\"position\":9}", "{\"type\":\"typing\"}",
				"{\"type\":\"typing\",\"roomId\":1.5}" }) {
			assertThatExceptionOfType(InvalidFrameException.class).as(bad)
				.isThrownBy(() -> this.parser.parse(bad))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_FRAME));
		}
	}

	@Test
	void aJoinsLastSeenPositionIsMinusOneForNothingSeenOrAPosition() {
		assertThat(this.parser.parse("{\"type\":\"join\",\"id\":\"j\",\"roomId\":7,\"lastSeenPosition\":-1}"))
			.isEqualTo(new ClientFrame.Join("j", 7, -1L));
		assertThat(this.parser.parse("{\"type\":\"join\",\"roomId\":7,\"lastSeenPosition\":0}"))
			.isEqualTo(new ClientFrame.Join(null, 7, 0L));
		for (String bad : new String[] { "{\"type\":\"join\",\"roomId\":7,\"lastSeenPosition\":-2}",
				"{\"type\":\"join\",\"roomId\":7,\"lastSeenPosition\":\"-1\"}",
				"{\"type\":\"join\",\"roomId\":7,\"lastSeenPosition\":0.5}" }) {
			assertThatExceptionOfType(InvalidFrameException.class).as(bad)
				.isThrownBy(() -> this.parser.parse(bad))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("at least -1"));
		}
	}

	private static String send(String id, String clientMessageId, String content) {
		return "{\"type\":\"send\",\"id\":\"" + id + "\",\"roomId\":7,\"clientMessageId\":\"" + clientMessageId
				+ "\",\"content\":\"" + content + "\"}";
	}

}
