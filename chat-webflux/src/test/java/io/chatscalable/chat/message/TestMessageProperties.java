package io.chatscalable.chat.message;

import java.time.Duration;

/** The message properties' defaults, for unit tests that build beans by hand. */
final class TestMessageProperties {

	private TestMessageProperties() {
	}

	static MessageProperties defaults() {
		return new MessageProperties(new MessageProperties.Dedup(20_000),
				new MessageProperties.Store(3, Duration.ofMillis(200)),
				new MessageProperties.Recovery(1000, Duration.ofSeconds(10), Duration.ofSeconds(2), 100_000));
	}

}
