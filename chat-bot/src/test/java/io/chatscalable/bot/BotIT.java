package io.chatscalable.bot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.chatscalable.infra.testing.NodeProcesses;
import io.chatscalable.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot against two real chat-webflux nodes (child JVMs) on real PostgreSQL, Redis and
 * Kafka: 20 users in rooms of 5 for 10 s; nothing lost, nothing twice, one order.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BotIT {

	private static NodeProcesses nodes;

	@BeforeAll
	static void startNodes() {
		nodes = NodeProcesses.start(2, TestNodes.settings(TestInfrastructure.endpoints(), "it-nodes"));
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void twentyUsersOnTwoNodesLoseNothingAndSeeOneOrder() throws Exception {
		Path report = Path.of("target", "it-report.json");
		Files.deleteIfExists(report);
		String nodeList = nodes.urls().stream().map(Object::toString).collect(Collectors.joining(","));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exit = BotMain.run(new String[] { "--nodes", nodeList, "--users", "20", "--room-size", "5", "--rate", "2",
				"--ramp-up", "1s", "--warm-up", "2s", "--duration", "10s", "--drain", "15s", "--report",
				report.toString(), "--setup-concurrency", "4" }, new PrintStream(out, true, StandardCharsets.UTF_8),
				System.err);
		String summary = out.toString(StandardCharsets.UTF_8);
		System.out.println(summary);

		assertThat(exit).as(summary).isEqualTo(BotMain.PASSED);
		JsonNode classic = JsonMapper.builder().build().readTree(report.toFile()).path("classic");
		JsonNode verdict = classic.path("verdict");
		assertThat(verdict.path("acked").asLong()).as(summary).isGreaterThan(300);
		assertThat(verdict.path("unacked").asLong()).as(summary).isZero();
		assertThat(verdict.path("lost").asLong()).as(summary).isZero();
		assertThat(verdict.path("duplicates").asLong()).as(summary).isZero();
		assertThat(verdict.path("positionRegressions").asLong() + verdict.path("sequenceRegressions").asLong()
				+ verdict.path("positionConflicts").asLong() + verdict.path("misrouted").asLong())
			.as(summary)
			.isZero();
		assertThat(verdict.path("uniqueDeliveries").asLong()).isEqualTo(verdict.path("expectedDeliveries").asLong());
		assertThat(classic.path("drained").asBoolean()).isTrue();
		assertThat(classic.path("receiveLatency").path("count").asLong()).isPositive();
		assertThat(classic.path("sockets").path("connects").asLong()).isEqualTo(20);
	}

	@Test
	void socialFramesUnderLoadLeaveTheAccountingIntact() throws Exception {
		Path report = Path.of("target", "it-report-social.json");
		Files.deleteIfExists(report);
		String nodeList = nodes.urls().stream().map(Object::toString).collect(Collectors.joining(","));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exit = BotMain.run(
				new String[] { "--nodes", nodeList, "--users", "10", "--room-size", "5", "--rate", "2", "--ramp-up",
						"1s", "--warm-up", "1s", "--duration", "5s", "--drain", "15s", "--report", report.toString(),
						"--setup-concurrency", "4", "--social" },
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		String summary = out.toString(StandardCharsets.UTF_8);
		System.out.println(summary);

		assertThat(exit).as(summary).isEqualTo(BotMain.PASSED);
		JsonNode classic = JsonMapper.builder().build().readTree(report.toFile()).path("classic");
		JsonNode verdict = classic.path("verdict");
		assertThat(verdict.path("lost").asLong() + verdict.path("duplicates").asLong()).as(summary).isZero();
		assertThat(verdict.path("uniqueDeliveries").asLong()).isEqualTo(verdict.path("expectedDeliveries").asLong());
		JsonNode social = classic.path("sockets").path("social");
		long reads = social.path("readsSent").asLong();
		// One read and one typing per ack (a re-sent message's ack too).
		assertThat(reads).as(summary).isGreaterThanOrEqualTo(verdict.path("acked").asLong());
		assertThat(social.path("markedRead").asLong()).as(summary).isPositive().isLessThanOrEqualTo(reads);
		assertThat(social.path("typingSent").asLong()).as(summary).isEqualTo(reads);
		assertThat(social.path("readReceipts").asLong()).as(summary).isPositive();
		assertThat(social.path("typingReceived").asLong()).as(summary).isPositive();
		assertThat(social.path("errors").asLong()).as(summary).isZero();
	}

}
