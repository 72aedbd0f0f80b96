package io.chatscalable.chat.infra.kafka;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka admin client shared by topic creation and the health check. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean(destroyMethod = "close")
	Admin kafkaAdmin(KafkaProperties properties) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
				AdminClientConfig.CLIENT_ID_CONFIG, "chat-admin"));
	}

}
