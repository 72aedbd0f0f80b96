package io.chatscalable.chat.signal;

import java.util.Set;

import io.chatscalable.chat.infra.kafka.TopicRequirement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signal topic. */
@Configuration(proxyBeanMethods = false)
class SignalConfiguration {

	@Bean
	TopicRequirement signalTopic(SignalProperties properties) {
		return () -> Set.of(properties.topic());
	}

}
