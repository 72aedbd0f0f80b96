package io.chatscalable.chat.room;

import java.util.Set;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.TopicRequirement;
import io.chatscalable.chat.outbox.OutboxRoute;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where room events go. */
@Configuration(proxyBeanMethods = false)
class RoomConfiguration {

	@Bean
	OutboxRoute roomOutboxRoute(KafkaProperties kafka) {
		return new OutboxRoute(RoomCreated.AGGREGATE_TYPE, kafka.topics().rooms());
	}

	@Bean
	TopicRequirement roomTopic(KafkaProperties kafka) {
		return () -> Set.of(kafka.topics().rooms());
	}

}
