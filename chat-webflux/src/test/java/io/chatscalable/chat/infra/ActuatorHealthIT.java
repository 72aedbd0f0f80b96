package io.chatscalable.chat.infra;

import java.time.Duration;

import io.chatscalable.chat.support.ChatApi;
import io.chatscalable.chat.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator is on the management port only: detailed health (UP, with PostgreSQL,
 * Redis and Kafka as components) and Prometheus there; on the API port only the probes
 * {@code /livez} and {@code /readyz}, status without details, and nothing for a logged-in
 * chat user (no metrics, no health details, no Prometheus).
 */
@IntegrationTest
class ActuatorHealthIT {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void healthIsUpWithAllThreeComponentsOnceTheMessageFeedHasItsPartitions() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build();
		// The feed joins its group about a second after start-up; the node is DOWN until
		// then.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> client.get()
				.uri("/actuator/health")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.is2xxSuccessful());

		client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.r2dbc.status")
			.isEqualTo("UP")
			.jsonPath("$.components.r2dbc.details.database")
			.isEqualTo("PostgreSQL")
			.jsonPath("$.components.redis.status")
			.isEqualTo("UP")
			.jsonPath("$.components.kafka.status")
			.isEqualTo("UP")
			.jsonPath("$.components.kafka.details.brokers")
			.isEqualTo(1)
			.jsonPath("$.components.messageFeed.status")
			.isEqualTo("UP")
			.jsonPath("$.components.messageFeed.details.partitions")
			.isEqualTo(6);
		client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("chat_sessions"));
	}

	@Test
	void theApiPortServesTheProbesWithoutDetailsAndNoActuatorEvenToALoggedInUser() {
		ChatApi api = new ChatApi(this.port);
		String token = api.token("actuator-user");
		WebTestClient client = api.client();
		// Ready once every component is up (the feeds have their partitions).
		await().atMost(Duration.ofSeconds(30))
			.until(() -> client.get().uri("/readyz").exchange().returnResult(String.class).getStatus().value() == 200);
		for (String probe : new String[] { "/livez", "/readyz" }) {
			client.get()
				.uri(probe)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("UP")
				.jsonPath("$.components")
				.doesNotExist()
				.jsonPath("$.details")
				.doesNotExist();
		}
		for (String path : new String[] { "/actuator/health", "/actuator/prometheus", "/actuator/metrics",
				"/actuator/metrics/jvm.memory.used", "/actuator/info" }) {
			client.get().uri(path).exchange().expectStatus().isNotFound();
			client.get()
				.uri(path)
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isNotFound();
		}
	}

}
