package io.chatscalable.chat.infra.kafka;

import java.util.function.IntSupplier;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN until a fan-out consumer has its partitions. A fan-out consumer starts at the
 * latest offset, so what is produced before it has partitions never reaches it; a load
 * balancer that routes on {@code /actuator/health} sends clients elsewhere during that
 * second of start-up. Features say which consumer, and why it matters to them.
 */
public abstract class PartitionsHealthIndicator extends AbstractReactiveHealthIndicator {

	private final IntSupplier assignedPartitions;

	protected PartitionsHealthIndicator(String name, IntSupplier assignedPartitions) {
		super(name + " health check failed");
		this.assignedPartitions = assignedPartitions;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		int partitions = this.assignedPartitions.getAsInt();
		Health.Builder state = (partitions > 0) ? builder.up()
				: builder.down().withDetail("reason", "waiting for partitions");
		return Mono.just(state.withDetail("partitions", partitions).build());
	}

}
