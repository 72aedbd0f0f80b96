package io.chatscalable.chat.infra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.support.IntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.redisson.api.RLockReactive;
import org.redisson.api.RedissonReactiveClient;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The wiring proven end to end against real PostgreSQL, Redis and Kafka, through the
 * application's own beans.
 */
@IntegrationTest
class InfrastructureRoundTripIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	RedissonReactiveClient redisson;

	@Autowired
	Admin admin;

	@Autowired
	KafkaProperties kafka;

	@Test
	void writesAndReadsPostgresThroughR2dbc() {
		Mono<String> roundTrip = this.database.sql("INSERT INTO users (username) VALUES (:name) RETURNING id")
			.bind("name", "alice")
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap((id) -> this.database.sql("SELECT username FROM users WHERE id = :id")
				.bind("id", id)
				.map((row) -> row.get("username", String.class))
				.one());

		StepVerifier.create(roundTrip).expectNext("alice").expectComplete().verify(TIMEOUT);
	}

	@Test
	void migrationsCreatedTheHistoryAndOutboxIndexes() {
		Mono<List<String>> indexes = this.database
			.sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")
			.map((row) -> row.get("indexname", String.class))
			.all()
			.collectList();

		StepVerifier.create(indexes)
			.assertNext((names) -> org.assertj.core.api.Assertions.assertThat(names)
				.contains("messages_room_position_key", "messages_message_key_key", "outbox_pending_idx",
						"outbox_sent_idx", "users_username_ci_key", "room_members_pkey"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void roundTripsThroughRedis() {
		Mono<String> roundTrip = this.redis.opsForValue()
			.set("round-trip", "value", Duration.ofMinutes(1))
			.then(this.redis.opsForValue().get("round-trip"));

		StepVerifier.create(roundTrip).expectNext("value").expectComplete().verify(TIMEOUT);
	}

	@Test
	void acquiresAndReleasesARedissonLock() {
		RLockReactive lock = this.redisson.getLock("round-trip-lock");
		long owner = 1;
		long other = 2;

		StepVerifier.create(lock.tryLock(0, 30, TimeUnit.SECONDS, owner)).expectNext(true).verifyComplete();
		StepVerifier.create(lock.tryLock(0, 30, TimeUnit.SECONDS, other)).expectNext(false).verifyComplete();
		StepVerifier.create(lock.unlock(owner)).verifyComplete();
		StepVerifier.create(lock.tryLock(0, 30, TimeUnit.SECONDS, other)).expectNext(true).verifyComplete();
		StepVerifier.create(lock.unlock(other)).verifyComplete();
	}

	@Test
	void producesAndConsumesThroughReactorKafka() throws Exception {
		String topic = "round-trip-" + UUID.randomUUID();
		this.admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		KafkaSender<String, String> sender = KafkaSender
			.create(SenderOptions.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers(),
					ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
		ReceiverOptions<String, String> receiverOptions = ReceiverOptions
			.<String, String>create(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers(),
					ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + UUID.randomUUID(),
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
					StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))
			.subscription(List.of(topic));
		try {
			StepVerifier
				.create(sender.send(Mono.just(SenderRecord.create(new ProducerRecord<>(topic, "key", "hello"), 1))))
				.expectNextMatches((result) -> result.exception() == null && result.recordMetadata().offset() == 0)
				.expectComplete()
				.verify(TIMEOUT);

			StepVerifier.create(KafkaReceiver.create(receiverOptions).receive().take(1).map((record) -> {
				record.receiverOffset().acknowledge();
				return record.key() + "=" + record.value();
			})).expectNext("key=hello").expectComplete().verify(TIMEOUT);
		}
		finally {
			sender.close();
		}
	}

}
