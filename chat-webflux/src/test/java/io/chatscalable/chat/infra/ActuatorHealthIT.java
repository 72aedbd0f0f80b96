package io.chatscalable.chat.infra;

import io.chatscalable.chat.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * /actuator/health is UP and reports PostgreSQL (r2dbc), Redis and Kafka as components.
 */
@IntegrationTest
class ActuatorHealthIT {

	@LocalServerPort
	int port;

	@Test
	void healthIsUpWithAllThreeComponents() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();

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
			.isEqualTo(1);
	}

}
