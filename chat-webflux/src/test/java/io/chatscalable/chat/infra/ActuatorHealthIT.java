package io.chatscalable.chat.infra;

import java.time.Duration;

import io.chatscalable.chat.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * /actuator/health is UP and reports PostgreSQL (r2dbc), Redis and Kafka as components.
 */
@IntegrationTest
class ActuatorHealthIT {

	@LocalServerPort
	int port;

	@Test
	void healthIsUpWithAllThreeComponentsOnceTheMessageFeedHasItsPartitions() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
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
	}

}
