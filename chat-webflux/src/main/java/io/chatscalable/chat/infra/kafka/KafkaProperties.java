package io.chatscalable.chat.infra.kafka;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this node reaches Kafka.
 *
 * @param bootstrapServers the brokers, {@code host:port[,host:port]}
 * ({@code CHAT_KAFKA_BOOTSTRAP_SERVERS})
 * @param healthTimeout how long the health check waits for the cluster to answer
 * @param deliveryTimeout how long a send may take, retries included, before it counts as
 * failed
 * @param sessionTimeout how long a consumer group waits for a silent member before
 * rebalancing
 * @param topics the topics this node creates when missing
 */
@Validated
@ConfigurationProperties("chat.kafka")
public record KafkaProperties(@NotBlank String bootstrapServers, @DefaultValue("3s") Duration healthTimeout,
		@DefaultValue("15s") Duration deliveryTimeout, @DefaultValue("10s") Duration sessionTimeout,
		@Valid @DefaultValue Topics topics) {

	/**
	 * Topic names and layout.
	 *
	 * @param users user events (signups), keyed by user id
	 * @param rooms room events (creation), keyed by room id
	 * @param messages chat messages, keyed by room id (one room, one partition, one
	 * order)
	 * @param messagesDeadLetter chat messages the message store could not store, with why
	 * (see docs/architecture.md for the replay command)
	 * @param partitions partitions of each topic created by this node
	 * @param replicationFactor replicas of each topic created by this node (3 in the
	 * compose cluster)
	 * @param minInsyncReplicas the topic's {@code min.insync.replicas}: replicas that
	 * must have a record before an {@code acks=all} send is acknowledged (2 in the
	 * compose cluster, so one broker may fail without losing an acknowledged message); at
	 * most {@code replicationFactor}
	 */
	public record Topics(@DefaultValue("chat.users") @NotBlank String users,
			@DefaultValue("chat.rooms") @NotBlank String rooms,
			@DefaultValue("chat.messages") @NotBlank String messages,
			@DefaultValue("chat.messages.dlt") @NotBlank String messagesDeadLetter,
			@DefaultValue("6") @Min(1) @Max(1000) int partitions,
			@DefaultValue("1") @Min(1) @Max(7) short replicationFactor,
			@DefaultValue("1") @Min(1) @Max(7) int minInsyncReplicas) {

		public Topics {
			if (minInsyncReplicas > replicationFactor) {
				throw new IllegalArgumentException("chat.kafka.topics.min-insync-replicas (" + minInsyncReplicas
						+ ") must not exceed chat.kafka.topics.replication-factor (" + replicationFactor
						+ "): no send could ever be acknowledged");
			}
		}

	}

}
