package io.chatscalable.bot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.chatscalable.infra.embedded.FreePorts;
import io.chatscalable.infra.testing.NodeProcesses;
import io.chatscalable.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node launcher the chaos runs use: SIGKILL reaches the node's JVM itself (not only
 * its guard), SIGTERM stops it, and the node comes back on the same port.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NodeProcessesIT {

	@Test
	void killTerminateAndStartAgainOnTheSamePort() throws Exception {
		try (NodeProcesses nodes = NodeProcesses.start(1,
				TestNodes.settings(TestInfrastructure.endpoints(), "it-node-processes"))) {
			int port = nodes.port(0);
			ProcessHandle jvm = nodes.jvm(0).orElseThrow();
			assertThat(jvm.info().command().orElse("")).endsWith("java");

			nodes.kill(0);
			assertThat(jvm.isAlive()).isFalse();
			assertThat(nodes.isRunning(0)).isFalse();
			assertThat(FreePorts.isListening(port)).isFalse();

			nodes.start(0);
			assertThat(nodes.port(0)).isEqualTo(port);
			assertThat(healthStatus(nodes.url(0))).isEqualTo(200);
			ProcessHandle second = nodes.jvm(0).orElseThrow();
			assertThat(second.pid()).isNotEqualTo(jvm.pid());

			nodes.terminate(0);
			assertThat(second.isAlive()).isFalse();
			assertThat(FreePorts.isListening(port)).isFalse();
		}
	}

	private static int healthStatus(URI url) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		return client
			.send(HttpRequest.newBuilder(url.resolve("/readyz")).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
