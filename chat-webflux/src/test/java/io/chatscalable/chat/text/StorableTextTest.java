package io.chatscalable.chat.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

	@Test
	void acceptsTextWithPairedSurrogatesAndOtherControlCharacters() {
		for (String good : new String[] { "", "hello", "caf\u00e9", "emoji \ud83d\ude00 ok", "\ud83d\ude00",
				"tab\tnew\nline \u0001", "\uffff" }) {
			assertThat(StorableText.isStorable(good)).as(good).isTrue();
			assertThat(StorableText.firstProblem(good)).isEqualTo(-1);
		}
	}

	@Test
	void refusesNulAndUnpairedSurrogatesAnywhere() {
		assertThat(StorableText.firstProblem("\u0000")).isZero();
		assertThat(StorableText.firstProblem("ab\u0000c")).isEqualTo(2);
		// A high surrogate at the end, before a non-surrogate, or before another high
		// one.
		assertThat(StorableText.firstProblem("ab\ud800")).isEqualTo(2);
		assertThat(StorableText.firstProblem("\ud800x")).isZero();
		assertThat(StorableText.firstProblem("\ud800\ud800\udc00")).isZero();
		// A low surrogate alone, or after a complete pair.
		assertThat(StorableText.firstProblem("\udc00")).isZero();
		assertThat(StorableText.firstProblem("a\udfff")).isEqualTo(1);
		assertThat(StorableText.firstProblem("\ud83d\ude00\ude00")).isEqualTo(2);
		// Reversed pair.
		assertThat(StorableText.isStorable("\udc00\ud800")).isFalse();
	}

}
