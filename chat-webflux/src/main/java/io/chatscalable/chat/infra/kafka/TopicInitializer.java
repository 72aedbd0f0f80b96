package io.chatscalable.chat.infra.kafka;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Creates this node's topics at start-up when they are missing. Runs once on the main
 * thread before the node serves anything. Listing and creating are retried while the
 * cluster answers with retriable errors (a broker that has just started, metadata not yet
 * propagated), up to {@link AdminRetry#DEFAULT_DEADLINE}; a node that cannot reach Kafka
 * within that does not start.
 */
@Component
class TopicInitializer implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

	private final Admin admin;

	private final KafkaProperties properties;

	private final List<TopicRequirement> requirements;

	private final AdminRetry retry;

	@Autowired
	TopicInitializer(Admin admin, KafkaProperties properties, List<TopicRequirement> requirements) {
		this(admin, properties, requirements, AdminRetry.defaults());
	}

	TopicInitializer(Admin admin, KafkaProperties properties, List<TopicRequirement> requirements, AdminRetry retry) {
		this.admin = admin;
		this.properties = properties;
		this.requirements = requirements;
		this.retry = retry;
	}

	@Override
	public void afterPropertiesSet() {
		Set<String> wanted = new HashSet<>();
		this.requirements.forEach((requirement) -> wanted.addAll(requirement.topics()));
		this.retry.call("create topics " + new TreeSet<>(wanted), (timeLeft) -> createMissing(wanted, timeLeft));
	}

	/**
	 * A topic with the configured layout; {@code min.insync.replicas} is set on the topic
	 * so that it holds whatever the brokers' default is.
	 */
	NewTopic newTopic(String name) {
		KafkaProperties.Topics topics = this.properties.topics();
		return new NewTopic(name, topics.partitions(), topics.replicationFactor())
			.configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topics.minInsyncReplicas())));
	}

	/** Creates the wanted topics that are not listed; each attempt lists again. */
	private Void createMissing(Set<String> wanted, Duration timeLeft)
			throws InterruptedException, ExecutionException, TimeoutException {
		Set<String> existing = this.admin.listTopics().names().get(timeLeft.toMillis(), TimeUnit.MILLISECONDS);
		List<NewTopic> missing = wanted.stream()
			.filter((topic) -> !existing.contains(topic))
			.sorted()
			.map(this::newTopic)
			.toList();
		if (missing.isEmpty()) {
			return null;
		}
		Map<String, KafkaFuture<Void>> results = this.admin.createTopics(missing).values();
		for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
			try {
				result.getValue().get(timeLeft.toMillis(), TimeUnit.MILLISECONDS);
				log.info("Created topic {}", result.getKey());
			}
			catch (ExecutionException ex) {
				// Another node created it at the same moment: what we wanted exists.
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
		}
		return null;
	}

}
