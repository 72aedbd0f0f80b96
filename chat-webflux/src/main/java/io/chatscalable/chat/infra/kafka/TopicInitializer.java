package io.chatscalable.chat.infra.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates this node's topics at start-up when they are missing. Runs once on the main
 * thread before the node serves anything; a node that cannot reach Kafka does not start.
 */
@Component
class TopicInitializer implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

	private static final long TIMEOUT_SECONDS = 30;

	private final Admin admin;

	private final KafkaProperties properties;

	private final List<TopicRequirement> requirements;

	TopicInitializer(Admin admin, KafkaProperties properties, List<TopicRequirement> requirements) {
		this.admin = admin;
		this.properties = properties;
		this.requirements = requirements;
	}

	@Override
	public void afterPropertiesSet() throws InterruptedException, ExecutionException, TimeoutException {
		Set<String> wanted = new HashSet<>();
		this.requirements.forEach((requirement) -> wanted.addAll(requirement.topics()));
		Set<String> existing = this.admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		List<NewTopic> missing = wanted.stream()
			.filter((topic) -> !existing.contains(topic))
			.sorted()
			.map((topic) -> new NewTopic(topic, this.properties.topics().partitions(),
					this.properties.topics().replicationFactor()))
			.toList();
		if (missing.isEmpty()) {
			return;
		}
		try {
			this.admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
		}
		catch (ExecutionException ex) {
			// Another node created them at the same moment: what we wanted exists.
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

}
