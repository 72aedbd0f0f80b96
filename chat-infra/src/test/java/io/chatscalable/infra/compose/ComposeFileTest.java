package io.chatscalable.infra.compose;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The compose cluster (chat-infra/compose), checked without a Docker engine: the file is
 * valid for {@code docker-compose config -q}, every image is pinned by a tag, every
 * service has a health check, the files it mounts exist, and the nodes are pointed at the
 * services that exist. The external tools ({@code docker-compose}, {@code promtool}) are
 * skipped when missing, unless {@code CHAT_REQUIRE_TOOLS=true} (CI, whose {@code .ci/run}
 * installs them).
 */
class ComposeFileTest {

	private static final Path COMPOSE = Path.of("compose").toAbsolutePath();

	private static final Path FILE = COMPOSE.resolve("docker-compose.yml");

	private static final Pattern TAGGED = Pattern.compile("^[a-z0-9./_-]+(:[0-9]+)?/?[a-z0-9._/-]*:([A-Za-z0-9._-]+)$");

	private static Map<String, Object> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readComposeFile() throws IOException {
		try (Reader reader = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
			Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			services = (Map<String, Object>) compose.get("services");
		}
		assertThat(services).isNotEmpty();
	}

	@Test
	void startsTheWholeClusterInOneFile() {
		assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "redis-master", "redis-replica",
				"redis-sentinel-1", "redis-sentinel-2", "redis-sentinel-3", "postgres-primary", "postgres-replica",
				"node-1", "node-2", "node-3", "nginx", "prometheus", "grafana");
	}

	@Test
	void everyImageIsPinnedByATagThatIsNotLatest() throws IOException {
		List<String> images = new ArrayList<>();
		services.forEach((name, service) -> {
			Object image = service(name).get("image");
			assertThat(image).as("image of %s", name).isInstanceOf(String.class);
			images.add((String) image);
		});
		// The node's image is built: its base images count too.
		Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)")
			.matcher(Files.readString(COMPOSE.resolve("node.Dockerfile")));
		while (from.find()) {
			images.add(from.group(1));
		}
		assertThat(images).hasSizeGreaterThan(services.size());
		for (String image : images) {
			Matcher tagged = TAGGED.matcher(image);
			assertThat(tagged.matches()).as("%s is pinned by a tag", image).isTrue();
			assertThat(tagged.group(2)).as("tag of %s", image).isNotEqualTo("latest").matches(".*[0-9].*");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyServiceHasAHealthCheck() {
		services.forEach((name, service) -> {
			Map<String, Object> healthcheck = (Map<String, Object>) service(name).get("healthcheck");
			assertThat(healthcheck).as("healthcheck of %s", name).isNotNull().doesNotContainKey("disable");
			assertThat(healthcheck.get("test")).as("healthcheck test of %s", name)
				.asInstanceOf(InstanceOfAssertFactories.LIST)
				.isNotEmpty()
				.first()
				.isIn("CMD", "CMD-SHELL");
		});
		assertThat(Files.exists(COMPOSE.resolve("node-healthcheck.sh"))).isTrue();
	}

	@Test
	void theNodeImageRunsTheBuiltJarAsANonRootUserWithAHealthCheck() throws IOException {
		String dockerfile = Files.readString(COMPOSE.resolve("node.Dockerfile"));
		Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>")
			.matcher(Files.readString(COMPOSE.resolve("../../chat-webflux/pom.xml").normalize()));
		assertThat(finalName.find()).isTrue();
		assertThat(dockerfile).contains("cp chat-webflux/target/" + finalName.group(1) + ".jar ")
			.containsPattern("(?m)^HEALTHCHECK .*CMD \\[\"/app/healthcheck.sh\"\\]$")
			.containsPattern("(?m)^USER chat$")
			.contains("useradd --system");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theNodesUseSentinelTheThreeBrokersWithReplicatedTopicsAndTheManagementPort() {
		for (String node : List.of("node-1", "node-2", "node-3")) {
			Map<String, Object> environment = (Map<String, Object>) service(node).get("environment");
			assertThat(environment).containsEntry("CHAT_NODE_ID", node)
				.containsEntry("CHAT_KAFKA_TOPICS_REPLICATION_FACTOR", 3)
				.containsEntry("CHAT_KAFKA_TOPICS_MIN_INSYNC_REPLICAS", 2)
				.containsEntry("CHAT_MANAGEMENT_PORT", 8081)
				.containsEntry("SPRING_DATA_REDIS_SENTINEL_MASTER", "chat-master")
				.doesNotContainKey("SPRING_DATA_REDIS_HOST");
			for (String variable : List.of("SPRING_DATA_REDIS_SENTINEL_NODES", "CHAT_KAFKA_BOOTSTRAP_SERVERS")) {
				for (String address : ((String) environment.get(variable)).split(",")) {
					assertThat(services).as("%s of %s names a service", variable, node)
						.containsKey(address.substring(0, address.indexOf(':')));
				}
			}
			assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("${CHAT_PROFILE:-cluster}");
		}
	}

	@Test
	void noCommandExpectsAShellItIsNotGiven() {
		// A command written as one string is split into words by compose and run without
		// a
		// shell: a variable in it would reach the program literally.
		services.forEach((name, service) -> {
			Object command = service(name).get("command");
			if (command instanceof String line) {
				assertThat(line).as("command of %s", name).doesNotContain("$");
			}
		});
	}

	@Test
	void prometheusScrapesEveryNodeOnTheManagementPort() throws IOException {
		String config = Files.readString(COMPOSE.resolve("prometheus/prometheus.yml"));
		assertThat(config).contains("job_name: chat-node", "- node-1:8081", "- node-2:8081", "- node-3:8081",
				"/etc/prometheus/rules/*.yml");
	}

	@Test
	void nginxUpgradesWebSocketsAndWaitsLongerThanThePingInterval() throws IOException {
		String config = Files.readString(COMPOSE.resolve("nginx/chat.conf"));
		assertThat(config).contains("proxy_set_header Upgrade $http_upgrade;",
				"proxy_set_header Connection $connection_upgrade;", "server node-1:8080", "server node-2:8080",
				"server node-3:8080", "location / {");
		Matcher timeout = Pattern.compile("proxy_read_timeout (\\d+)s;").matcher(config);
		assertThat(timeout.find()).isTrue();
		// The nodes ping every 20 s and close sockets idle for 60 s.
		assertThat(Integer.parseInt(timeout.group(1))).isGreaterThan(60);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyMountedFileOfTheRepositoryExists() {
		boolean monitoringMerged = Files.isDirectory(COMPOSE.resolve("../../chat-monitoring").normalize());
		services.forEach((name, service) -> {
			for (Object volume : (List<Object>) service(name).getOrDefault("volumes", List.of())) {
				String source = ((String) volume).split(":")[0];
				if (!source.startsWith(".")) {
					continue;
				}
				Path path = COMPOSE.resolve(source).normalize();
				if (source.startsWith("../../chat-monitoring/")) {
					// The layout agreed for chat-monitoring; it exists once that branch
					// is merged.
					assertThat(source).matches("\\.\\./\\.\\./chat-monitoring/(prometheus/rules|grafana/provisioning/"
							+ "datasources|grafana/provisioning/dashboards|grafana/dashboards)");
					if (!monitoringMerged) {
						continue;
					}
				}
				assertThat(path).as("mounted by %s", name).exists();
			}
		});
	}

	@Test
	void dockerComposeValidatesTheFileWithTheExampleEnvironment() throws Exception {
		requireTool("docker-compose");
		Process process = new ProcessBuilder("docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml",
				"config", "-q")
			.directory(COMPOSE.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	@Test
	void promtoolAcceptsThePrometheusConfiguration() throws Exception {
		requireTool("promtool");
		Process process = new ProcessBuilder("promtool", "check", "config", "--syntax-only",
				"prometheus/prometheus.yml")
			.directory(COMPOSE.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	@Test
	void nginxAcceptsItsConfiguration(@TempDir Path directory) throws Exception {
		requireTool("nginx");
		// The upstream names resolve only inside the compose network: loopback stands in.
		String site = Files.readString(COMPOSE.resolve("nginx/chat.conf"))
			.replaceAll("server node-(\\d):8080", "server 127.0.0.1:1808$1");
		Files.writeString(directory.resolve("chat.conf"), site);
		String main = """
				pid %1$s/nginx.pid;
				error_log %1$s/error.log;
				events {}
				http {
				  client_body_temp_path %1$s/body;
				  proxy_temp_path %1$s/proxy;
				  fastcgi_temp_path %1$s/fastcgi;
				  uwsgi_temp_path %1$s/uwsgi;
				  scgi_temp_path %1$s/scgi;
				  access_log off;
				  include %1$s/chat.conf;
				}
				""".formatted(directory);
		Files.writeString(directory.resolve("nginx.conf"), main);
		Process process = new ProcessBuilder("nginx", "-t", "-p", directory + "/", "-c",
				directory.resolve("nginx.conf").toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("test is successful");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) {
		return (Map<String, Object>) services.get(name);
	}

	private static void requireTool(String tool) throws Exception {
		boolean installed = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
		if (!installed) {
			assertThat(System.getenv("CHAT_REQUIRE_TOOLS")).as("%s is required (CHAT_REQUIRE_TOOLS)", tool)
				.isNotEqualTo("true");
		}
		assumeThat(installed).as("%s is installed", tool).isTrue();
	}

}
