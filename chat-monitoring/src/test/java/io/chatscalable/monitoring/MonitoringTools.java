package io.chatscalable.monitoring;

import java.nio.file.Path;
import java.util.Optional;

import io.chatscalable.infra.monitoring.PrometheusServer;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Prometheus and promtool (Debian's {@code prometheus} package, which
 * {@code .ci/run} installs). Without them the tests that need them are skipped, unless
 * {@code CHAT_PROMETHEUS_REQUIRED=true} (CI): then they fail, so that a missing binary
 * can never pass for a green build.
 */
final class MonitoringTools {

	static final String REQUIRED_VARIABLE = "CHAT_PROMETHEUS_REQUIRED";

	private MonitoringTools() {
	}

	/** chat-monitoring's folder (the files under test). */
	static Path folder() {
		return Path.of(System.getProperty("chat.monitoring.dir", "."));
	}

	static Path prometheus() {
		return require("prometheus", PrometheusServer.binary());
	}

	static Path promtool() {
		return require("promtool", PrometheusServer.onPath("promtool"));
	}

	private static Path require(String name, Optional<Path> binary) {
		if (binary.isEmpty()) {
			String message = name + " is not installed (Debian: apt-get install prometheus)";
			if (Boolean.parseBoolean(System.getenv(REQUIRED_VARIABLE))) {
				throw new IllegalStateException(message + ", and " + REQUIRED_VARIABLE + " is true");
			}
			Assumptions.abort(message + "; set " + REQUIRED_VARIABLE + "=true to fail instead of skipping");
		}
		return binary.get();
	}

}
