package io.chatscalable.chat.user;

import java.util.Set;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.TopicRequirement;
import io.chatscalable.chat.outbox.OutboxRoute;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where user events go. */
@Configuration(proxyBeanMethods = false)
class UserConfiguration {

	@Bean
	OutboxRoute userOutboxRoute(KafkaProperties kafka) {
		return new OutboxRoute(UserSignedUp.AGGREGATE_TYPE, kafka.topics().users());
	}

	@Bean
	TopicRequirement userTopic(KafkaProperties kafka) {
		return () -> Set.of(kafka.topics().users());
	}

}
