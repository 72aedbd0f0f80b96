package io.chatscalable.bot;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BotOptionsParserTest {

	@Test
	void parsesTheDocumentedExample() {
		BotOptions options = BotOptionsParser.parse("--nodes", "http://127.0.0.1:8080,http://127.0.0.1:8081/",
				"--users", "100", "--room-size", "10", "--rate", "1", "--duration", "30s", "--run-id", "abc");
		assertThat(options.nodes()).containsExactly(URI.create("http://127.0.0.1:8080"),
				URI.create("http://127.0.0.1:8081"));
		assertThat(options.scenario().users()).isEqualTo(100);
		assertThat(options.scenario().roomSize()).isEqualTo(10);
		assertThat(options.scenario().duration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.classic()).isTrue();
		assertThat(options.step()).isNull();
		assertThat(options.runId()).isEqualTo("abc");
	}

	@Test
	void socialIsOffUnlessAsked() {
		assertThat(BotOptionsParser.parse().scenario().social()).isFalse();
		assertThat(BotOptionsParser.parse("--social").scenario().social()).isTrue();
		assertThat(BotOptionsParser.parse("--social").scenario().withDuration(java.time.Duration.ofSeconds(1)).social())
			.isTrue();
	}

	@Test
	void oneRoomHoldsEveryUser() {
		BotOptions options = BotOptionsParser.parse("--users", "1000", "--one-room", "--rate", "0.02");
		assertThat(options.scenario().rooms()).isEqualTo(1);
		assertThat(options.scenario().roomSize()).isEqualTo(1000);
		assertThat(options.scenario().rate()).isEqualTo(0.02);
	}

	@Test
	void stepModeStartsAtTheStepByDefault() {
		BotOptions options = BotOptionsParser.parse("--duration", "0", "--step", "100", "--step-p99", "500ms");
		assertThat(options.classic()).isFalse();
		assertThat(options.step().start()).isEqualTo(100);
		assertThat(options.step().p99Threshold()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void durationsTakeUnits() {
		assertThat(BotOptionsParser.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(BotOptionsParser.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(BotOptionsParser.parseDuration("7")).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void refusesNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> BotOptionsParser.parse("--users", "0"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BotOptionsParser.parse("--users", "5", "--room-size", "6"));
		assertThatIllegalArgumentException().isThrownBy(() -> BotOptionsParser.parse("--message-size", "5000"));
		assertThatIllegalArgumentException().isThrownBy(() -> BotOptionsParser.parse("--nodes", "ws://x:1"));
		assertThatIllegalArgumentException().isThrownBy(() -> BotOptionsParser.parse("--run-id", "UPPER"));
		assertThatIllegalArgumentException().isThrownBy(() -> BotOptionsParser.parse("--duration", "0"));
		assertThatIllegalArgumentException().isThrownBy(() -> BotOptionsParser.parse("--bogus"));
	}

}
