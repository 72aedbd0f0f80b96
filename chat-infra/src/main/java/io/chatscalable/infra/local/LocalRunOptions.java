package io.chatscalable.infra.local;

import java.nio.file.Path;

/**
 * Command-line options of the local run.
 *
 * @param nodes how many chat nodes to start
 * @param firstNodePort the first node's HTTP port; the others follow
 * @param dataDirectory where the servers keep their data and the nodes their logs
 * @param appJar the chat-webflux jar the nodes run
 * @param fresh whether to wipe the data first
 * @param controlPort the fault control endpoint's port on 127.0.0.1, 0 for none
 * @param prometheusPort the port of the local Prometheus on 127.0.0.1, 0 for none
 * ({@code --monitoring})
 * @param infraPort PostgreSQL's port; Redis, Kafka and its controller follow on the next
 * three
 * @param clientDirectory the built browser client (chat-react/dist) the nodes serve at
 * {@code /}
 * @param help whether only the usage was asked for
 */
record LocalRunOptions(int nodes, int firstNodePort, Path dataDirectory, Path appJar, boolean fresh, int controlPort,
		int prometheusPort, int infraPort, Path clientDirectory, boolean help) {

	static final int POSTGRES_PORT = 15432;

	int postgresPort() {
		return this.infraPort;
	}

	int redisPort() {
		return (this.infraPort == POSTGRES_PORT) ? 16379 : this.infraPort + 1;
	}

	int kafkaPort() {
		return (this.infraPort == POSTGRES_PORT) ? 19092 : this.infraPort + 2;
	}

	int kafkaControllerPort() {
		return (this.infraPort == POSTGRES_PORT) ? 19093 : this.infraPort + 3;
	}

	/** Local development only: the servers listen on 127.0.0.1 and nowhere else. */
	static final String DATABASE_PASSWORD = "chat";

	static final int DEFAULT_PROMETHEUS_PORT = 9090;

	/** The alert rules the local Prometheus loads (run-local runs in the repository). */
	static final Path ALERT_RULES = Path.of("chat-monitoring", "prometheus", "rules");

	static final String USAGE = """
			Usage: run-local [--nodes N] [--port P] [--data-dir DIR] [--fresh] [--control-port C | --no-control]
			                 [--monitoring [--prometheus-port M]] [--infra-port I] [--client-dir DIR]
			  --nodes N       chat nodes to start (default 2, so that cross-node chat can be tried by hand)
			  --port P        HTTP port of the first node; node i listens on P+i (default 8080)
			  --data-dir DIR  where PostgreSQL, Redis and Kafka keep data and the nodes their logs (default .local)
			  --fresh         delete that data first
			  --control-port C  faults on demand (kill/stop/start nodes, Kafka, Redis, PostgreSQL) over HTTP on
			                  127.0.0.1:C (default 18090; see docs/reliability.md); --no-control turns it off
			  --monitoring    also start this machine's Prometheus (Debian package prometheus) on
			                  http://127.0.0.1:9090 scraping every node, with chat-monitoring's alert rules
			  --prometheus-port M  its port instead of 9090 (implies --monitoring)
			  --infra-port I  PostgreSQL on I, Redis on I+1, Kafka on I+2 (controller I+3); by default
			                  PostgreSQL 15432, Redis 16379, Kafka 19092 (controller 19093), all on 127.0.0.1
			  --client-dir DIR  the built browser client the nodes serve at / (default chat-react/dist)
			Environment: CHAT_NODE_JAVA_OPTS adds JVM options to every node (default -Xmx1g);
			CHAT_NODE_START_TIMEOUT_SECONDS is how long a node may take to become healthy (default 120).""";

	static LocalRunOptions parse(String[] args) {
		int nodes = 2;
		int port = 8080;
		Path data = Path.of(".local");
		Path jar = Path.of("chat-webflux", "target", "chat-webflux.jar");
		boolean fresh = false;
		int controlPort = 18090;
		int prometheusPort = 0;
		int infraPort = POSTGRES_PORT;
		Path client = Path.of("chat-react", "dist");
		boolean help = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--nodes" -> nodes = positive(args, ++i);
				case "--port" -> port = positive(args, ++i);
				case "--data-dir" -> data = Path.of(value(args, ++i));
				case "--app-jar" -> jar = Path.of(value(args, ++i));
				case "--fresh" -> fresh = true;
				case "--control-port" -> controlPort = positive(args, ++i);
				case "--no-control" -> controlPort = 0;
				case "--monitoring" -> prometheusPort = (prometheusPort > 0) ? prometheusPort : DEFAULT_PROMETHEUS_PORT;
				case "--prometheus-port" -> prometheusPort = positive(args, ++i);
				case "--infra-port" -> infraPort = positive(args, ++i);
				case "--client-dir" -> client = Path.of(value(args, ++i));
				case "--help", "-h" -> help = true;
				default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
			}
		}
		if (nodes > 16) {
			throw new IllegalArgumentException("--nodes: at most 16 on one machine");
		}
		if (infraPort > 65532) {
			throw new IllegalArgumentException("--infra-port: at most 65532");
		}
		return new LocalRunOptions(nodes, port, data, jar, fresh, controlPort, prometheusPort, infraPort, client, help);
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	private static int positive(String[] args, int index) {
		String value = value(args, index);
		try {
			int number = Integer.parseInt(value);
			if (number < 1) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(args[index - 1] + " needs a positive number, not " + value);
		}
	}

}
