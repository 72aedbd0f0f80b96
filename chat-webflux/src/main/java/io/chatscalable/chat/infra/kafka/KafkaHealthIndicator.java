package io.chatscalable.chat.infra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code kafka} health component: UP when the cluster answers and has at least one
 * broker.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator {

	private final Admin admin;

	private final KafkaProperties properties;

	KafkaHealthIndicator(Admin admin, KafkaProperties properties) {
		super("Kafka health check failed");
		this.admin = admin;
		this.properties = properties;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		DescribeClusterResult cluster = this.admin.describeCluster();
		Mono<String> clusterId = Mono.fromCompletionStage(cluster.clusterId().toCompletionStage());
		Mono<Integer> brokers = Mono.fromCompletionStage(cluster.nodes().toCompletionStage())
			.map((nodes) -> nodes.size());
		return Mono.zip(clusterId, brokers)
			.timeout(this.properties.healthTimeout())
			.map((answer) -> ((answer.getT2() > 0) ? builder.up() : builder.down())
				.withDetail("clusterId", answer.getT1())
				.withDetail("brokers", answer.getT2())
				.build());
	}

}
