package io.chatscalable.bot.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The named faults of a chaos run and how each is injected and healed through the local
 * run's fault control endpoint (docs/reliability.md).
 */
public enum ChaosScenario {

	/** SIGKILL node 1, keep it down for the fault time, start it again. */
	NODE_KILL("node-kill"),

	/** Rolling restart: SIGTERM each node in turn, start it again, let it settle. */
	NODE_RESTART("node-restart"),

	/** Stop the Kafka broker for the fault time, start it again. */
	BROKER_RESTART("broker-restart"),

	/** Stop Redis for the fault time, start it again. */
	REDIS_RESTART("redis-restart"),

	/** Stop PostgreSQL for the fault time, start it again. */
	POSTGRES_RESTART("postgres-restart"),

	/**
	 * SIGKILL the node holding the outbox lock, start it again after the fault time;
	 * signups and room creations go on meanwhile.
	 */
	LOCK_HOLDER_KILL("lock-holder-kill");

	private final String label;

	ChaosScenario(String label) {
		this.label = label;
	}

	/** The name on the command line. */
	public String label() {
		return this.label;
	}

	/** Whether signups and room creations run beside the chat load. */
	public boolean sideTraffic() {
		return this == LOCK_HOLDER_KILL;
	}

	/** The scenario called {@code name}. */
	public static ChaosScenario of(String name) {
		for (ChaosScenario scenario : values()) {
			if (scenario.label.equals(name.toLowerCase(Locale.ROOT))) {
				return scenario;
			}
		}
		throw new IllegalArgumentException("Unknown chaos scenario " + name + "; one of " + names());
	}

	/** Every scenario's name. */
	public static List<String> names() {
		return Arrays.stream(values()).map(ChaosScenario::label).toList();
	}

	/**
	 * The steps, in order.
	 * @param nodes how many nodes the local run has
	 * @param faultFor how long a fault lasts before it is healed (and, in a rolling
	 * restart, how long each restarted node settles before the next goes)
	 */
	public List<FaultStep> plan(int nodes, Duration faultFor) {
		List<FaultStep> steps = new ArrayList<>();
		switch (this) {
			case NODE_KILL -> {
				steps.add(new FaultStep("/nodes/1/kill", faultFor));
				steps.add(new FaultStep("/nodes/1/start", Duration.ZERO));
			}
			case NODE_RESTART -> {
				for (int node = 1; node <= nodes; node++) {
					steps.add(new FaultStep("/nodes/" + node + "/terminate", Duration.ZERO));
					steps.add(new FaultStep("/nodes/" + node + "/start", (node < nodes) ? faultFor : Duration.ZERO));
				}
			}
			case BROKER_RESTART -> server(steps, "kafka", faultFor);
			case REDIS_RESTART -> server(steps, "redis", faultFor);
			case POSTGRES_RESTART -> server(steps, "postgres", faultFor);
			case LOCK_HOLDER_KILL -> {
				steps.add(new FaultStep("/outbox-leader/kill", faultFor));
				steps.add(new FaultStep("/nodes/" + FaultStep.LAST_NODE + "/start", Duration.ZERO));
			}
		}
		return steps;
	}

	private static void server(List<FaultStep> steps, String server, Duration faultFor) {
		steps.add(new FaultStep("/" + server + "/stop", faultFor));
		steps.add(new FaultStep("/" + server + "/start", Duration.ZERO));
	}

	/**
	 * One request to the fault control endpoint, then a wait.
	 *
	 * @param path the control path ({@link #LAST_NODE} stands for the node the previous
	 * step named)
	 * @param waitAfter how long to wait after it answered
	 */
	public record FaultStep(String path, Duration waitAfter) {

		/** Placeholder for the node number the previous step answered. */
		public static final String LAST_NODE = "{node}";

	}

}
