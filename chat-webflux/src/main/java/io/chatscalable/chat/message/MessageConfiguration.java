package io.chatscalable.chat.message;

import java.util.Set;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.TopicRequirement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chat-message topic and its dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class MessageConfiguration {

	@Bean
	TopicRequirement messageTopics(KafkaProperties kafka) {
		return () -> Set.of(kafka.topics().messages(), kafka.topics().messagesDeadLetter());
	}

}
