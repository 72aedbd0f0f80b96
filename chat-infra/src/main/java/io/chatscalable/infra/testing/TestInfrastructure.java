package io.chatscalable.infra.testing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.chatscalable.infra.Endpoints;
import io.chatscalable.infra.Infrastructure;
import io.chatscalable.infra.docker.ContainerInfrastructure;
import io.chatscalable.infra.embedded.EmbeddedInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one set of servers a test JVM uses, started on first use and stopped when the JVM
 * exits.
 * <p>
 * {@code CHAT_TEST_INFRA} chooses: {@code auto} (the default: Testcontainers where a
 * Docker engine answers, the embedded servers otherwise), {@code docker},
 * {@code embedded}, or {@code external} (servers of your own, see
 * {@link ExternalInfrastructure}). The choice is logged once.
 */
public final class TestInfrastructure {

	private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

	private static Infrastructure infrastructure;

	private TestInfrastructure() {
	}

	/** The servers' endpoints, starting them on first call. */
	public static synchronized Endpoints endpoints() {
		if (infrastructure == null) {
			infrastructure = start(System.getenv());
			Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "test-infra-stop"));
		}
		return infrastructure.endpoints();
	}

	/**
	 * The embedded servers, when the test JVM uses them (starting them on first call),
	 * for tests that stop and start a server; empty with Docker or external servers.
	 */
	public static synchronized Optional<EmbeddedInfrastructure> embedded() {
		endpoints();
		return (infrastructure instanceof EmbeddedInfrastructure embedded) ? Optional.of(embedded) : Optional.empty();
	}

	/**
	 * The PostgreSQL server's guard process when the servers are embedded (see
	 * {@link EmbeddedInfrastructure#postgresProcess()}); empty for containers or external
	 * servers, whose processes this JVM does not own.
	 */
	public static synchronized Optional<ProcessHandle> postgresProcess() {
		return embedded().map(EmbeddedInfrastructure::postgresProcess);
	}

	private static Infrastructure start(Map<String, String> environment) {
		String choice = environment.getOrDefault("CHAT_TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
		long begin = System.nanoTime();
		Infrastructure started = switch (choice) {
			case "external" -> new ExternalInfrastructure(environment);
			case "docker" -> new ContainerInfrastructure().start();
			case "embedded" -> new EmbeddedInfrastructure(EmbeddedInfrastructure.Settings.forTests()).start();
			case "auto" -> ContainerInfrastructure.isDockerAvailable() ? new ContainerInfrastructure().start()
					: new EmbeddedInfrastructure(EmbeddedInfrastructure.Settings.forTests()).start();
			default -> throw new IllegalStateException(
					"CHAT_TEST_INFRA must be auto, docker, embedded or external, not " + choice);
		};
		log.info("Test infrastructure: {} (CHAT_TEST_INFRA={}), {} in {} ms", started.kind(), choice,
				started.endpoints(), (System.nanoTime() - begin) / 1_000_000);
		return started;
	}

}
