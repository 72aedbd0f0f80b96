package io.chatscalable.chat.infra.kafka;

import java.time.Duration;

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
 */
@Validated
@ConfigurationProperties("chat.kafka")
public record KafkaProperties(@NotBlank String bootstrapServers, @DefaultValue("3s") Duration healthTimeout) {
}
