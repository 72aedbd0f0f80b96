package io.chatscalable.infra.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chatscalable.infra.embedded.EmbeddedInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults on demand for the local run and the chaos tests: a small HTTP endpoint on
 * 127.0.0.1 that stops and starts the servers and the nodes while the run goes on. Every
 * request does one thing and answers when it is done, with one line of JSON:
 *
 * <pre>
 * GET  /status                      which nodes run
 * POST /nodes/{n}/kill              SIGKILL node n (1-based) and wait until it is gone
 * POST /nodes/{n}/terminate         SIGTERM node n (graceful) and wait until it is gone
 * POST /nodes/{n}/start             start node n again on its port; answers once healthy
 * POST /kafka/stop    /kafka/start  the broker (in the launcher's JVM)
 * POST /redis/stop    /redis/start
 * POST /postgres/stop /postgres/start
 * POST /outbox-leader/kill          SIGKILL the node that holds the outbox lock; answers its number
 * </pre>
 *
 * Requests run one at a time (one worker thread), so two faults never interleave. It
 * binds 127.0.0.1 only and has no authentication: it is for a developer's own machine.
 */
public final class FaultControl implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FaultControl.class);

	private static final Pattern NODE_ACTION = Pattern.compile("/nodes/(\\d+)/(kill|terminate|start)");

	private static final Pattern SERVER_ACTION = Pattern.compile("/(kafka|redis|postgres)/(stop|start)");

	private final EmbeddedInfrastructure infrastructure;

	private final NodeProcesses nodes;

	private final HttpServer server;

	// One worker: faults are applied in the order asked and never overlap.
	private final ExecutorService worker = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "fault-control");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private FaultControl(EmbeddedInfrastructure infrastructure, NodeProcesses nodes, HttpServer server) {
		this.infrastructure = infrastructure;
		this.nodes = nodes;
		this.server = server;
	}

	/**
	 * Opens the endpoint.
	 * @param port the port on 127.0.0.1, 0 for any free one (see {@link #url()})
	 * @param infrastructure the servers it may stop and start
	 * @param nodes the nodes it may kill, stop and start
	 */
	public static FaultControl start(int port, EmbeddedInfrastructure infrastructure, NodeProcesses nodes) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8);
			FaultControl control = new FaultControl(infrastructure, nodes, server);
			server.setExecutor(control.worker);
			server.createContext("/", control::handle);
			server.start();
			log.info("Fault control on {} (see docs/reliability.md)", control.url());
			return control;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not open the fault control port " + port, ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		long begin = System.nanoTime();
		try {
			String result;
			if ("GET".equals(method) && "/status".equals(path)) {
				result = status();
			}
			else if ("POST".equals(method)) {
				result = apply(path);
			}
			else {
				respond(exchange, 405, "{\"error\":\"GET /status or POST a fault\"}");
				return;
			}
			long millis = (System.nanoTime() - begin) / 1_000_000;
			if (!"/status".equals(path)) {
				log.info("Fault control: {} done in {} ms ({})", path, millis, result);
			}
			respond(exchange, 200, "{\"ok\":true,\"action\":\"" + path + "\",\"millis\":" + millis
					+ (result.isEmpty() ? "" : "," + result) + "}");
		}
		catch (IllegalArgumentException ex) {
			respond(exchange, 404, "{\"error\":\"" + quote(ex.getMessage()) + "\"}");
		}
		catch (RuntimeException ex) {
			log.warn("Fault control: {} failed: {}", path, ex.toString());
			respond(exchange, 500, "{\"error\":\"" + quote(ex.toString()) + "\"}");
		}
	}

	private String apply(String path) {
		Matcher node = NODE_ACTION.matcher(path);
		if (node.matches()) {
			int index = nodeIndex(node.group(1));
			switch (node.group(2)) {
				case "kill" -> this.nodes.kill(index);
				case "terminate" -> this.nodes.terminate(index);
				default -> this.nodes.start(index);
			}
			return "\"node\":" + (index + 1);
		}
		Matcher server = SERVER_ACTION.matcher(path);
		if (server.matches()) {
			boolean stop = "stop".equals(server.group(2));
			switch (server.group(1)) {
				case "kafka" -> run(stop, this.infrastructure::stopKafka, this.infrastructure::startKafka);
				case "redis" -> run(stop, this.infrastructure::stopRedis, this.infrastructure::startRedis);
				default -> run(stop, this.infrastructure::stopPostgres, this.infrastructure::startPostgres);
			}
			return "";
		}
		if ("/outbox-leader/kill".equals(path)) {
			int leader = outboxLeader();
			this.nodes.kill(leader);
			return "\"node\":" + (leader + 1);
		}
		throw new IllegalArgumentException("No such fault: " + path);
	}

	private static void run(boolean stop, Runnable stopAction, Runnable startAction) {
		(stop ? stopAction : startAction).run();
	}

	private int nodeIndex(String number) {
		int index = Integer.parseInt(number) - 1;
		if (index < 0 || index >= this.nodes.size()) {
			throw new IllegalArgumentException("No node " + number + " (nodes are 1-" + this.nodes.size() + ")");
		}
		return index;
	}

	/**
	 * The node whose {@code chat.outbox.leader} gauge is 1: the holder of the outbox lock
	 * at its last poll. Read from {@code /actuator/prometheus} on its management port.
	 */
	private int outboxLeader() {
		for (int i = 0; i < this.nodes.size(); i++) {
			if (this.nodes.isRunning(i) && isOutboxLeader(i)) {
				return i;
			}
		}
		throw new IllegalStateException("No running node reports holding the outbox lock (chat_outbox_leader 1)");
	}

	private boolean isOutboxLeader(int i) {
		HttpRequest request = HttpRequest.newBuilder(this.nodes.managementUrl(i).resolve("/actuator/prometheus"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			String body = this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			return body.lines()
				.anyMatch((line) -> line.startsWith("chat_outbox_leader") && line.strip().endsWith(" 1.0"));
		}
		catch (IOException ex) {
			// Not answering: not a leader we can see.
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private String status() {
		StringBuilder json = new StringBuilder("\"nodes\":[");
		for (int i = 0; i < this.nodes.size(); i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"node\":")
				.append(i + 1)
				.append(",\"url\":\"")
				.append(this.nodes.url(i))
				.append("\",\"running\":")
				.append(this.nodes.isRunning(i))
				.append('}');
		}
		return json.append(']').toString();
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String quote(String text) {
		return String.valueOf(text).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
	}

	/** Stops answering; a fault in progress completes. */
	@Override
	public void close() {
		this.server.stop(0);
		this.worker.shutdownNow();
	}

	/** The endpoint's base URL. */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

}
