package io.chatscalable.infra.local;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalRunOptionsTest {

	@Test
	void defaultsToTheFixedPortsAndTheBuiltClient() {
		LocalRunOptions options = LocalRunOptions.parse(new String[0]);

		assertThat(options.postgresPort()).isEqualTo(15432);
		assertThat(options.redisPort()).isEqualTo(16379);
		assertThat(options.kafkaPort()).isEqualTo(19092);
		assertThat(options.kafkaControllerPort()).isEqualTo(19093);
		assertThat(options.clientDirectory()).isEqualTo(Path.of("chat-react", "dist"));
	}

	@Test
	void infraPortMovesAllServersTogether() {
		LocalRunOptions options = LocalRunOptions
			.parse(new String[] { "--infra-port", "25432", "--client-dir", "/tmp/dist" });

		assertThat(options.postgresPort()).isEqualTo(25432);
		assertThat(options.redisPort()).isEqualTo(25433);
		assertThat(options.kafkaPort()).isEqualTo(25434);
		assertThat(options.kafkaControllerPort()).isEqualTo(25435);
		assertThat(options.clientDirectory()).isEqualTo(Path.of("/tmp/dist"));
	}

	@Test
	void refusesAnInfraPortWithoutRoomForTheOthers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalRunOptions.parse(new String[] { "--infra-port", "65533" }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalRunOptions.parse(new String[] { "--infra-port", "0" }));
	}

}
