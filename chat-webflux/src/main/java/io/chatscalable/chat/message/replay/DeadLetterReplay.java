package io.chatscalable.chat.message.replay;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.chatscalable.chat.message.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The dead-letter replay command: re-publishes every dead-lettered chat message that no
 * earlier replay took, to the topic it came from, with its key, value and headers. Run it
 * once the cause is fixed (a missing row restored, a bug deployed away); the message
 * store then stores them like any other message (idempotently: replaying twice stores
 * once). A record that fails again goes back to the dead-letter topic, after the end this
 * run replays to, so a run always stops.
 * <p>
 * Progress is the consumer group {@code chat-dlt-replay}'s committed offsets, committed
 * only after the broker acknowledged the re-published records.
 * <p>
 * {@code java -jar chat-webflux.jar replay-dead-letters [--bootstrap-servers=host:port]
 * [--topic=chat.messages.dlt] [--group=chat-dlt-replay]}
 */
public final class DeadLetterReplay {

	/** The command's name as the first argument of the application. */
	public static final String COMMAND = "replay-dead-letters";

	static final String DEFAULT_GROUP = "chat-dlt-replay";

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String bootstrapServers;

	private final String deadLetterTopic;

	private final String groupId;

	public DeadLetterReplay(String bootstrapServers, String deadLetterTopic, String groupId) {
		this.bootstrapServers = bootstrapServers;
		this.deadLetterTopic = deadLetterTopic;
		this.groupId = groupId;
	}

	/** Runs the command with {@code --name=value} options; exits non-zero on failure. */
	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				System.err.println("Usage: replay-dead-letters [--bootstrap-servers=host:port] "
						+ "[--topic=chat.messages.dlt] [--group=chat-dlt-replay]");
				System.exit(2);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		String bootstrap = options.getOrDefault("bootstrap-servers",
				System.getenv().getOrDefault("CHAT_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092"));
		DeadLetterReplay replay = new DeadLetterReplay(bootstrap, options.getOrDefault("topic", "chat.messages.dlt"),
				options.getOrDefault("group", DEFAULT_GROUP));
		try {
			replay.run(System.out);
		}
		catch (Exception ex) {
			System.err.println("Replay failed: " + ex);
			System.exit(1);
		}
	}

	/**
	 * Replays up to the dead-letter topic's end as of now.
	 * @return how many records were replayed
	 */
	public int run(PrintStream out) throws InterruptedException, ExecutionException, TimeoutException {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig());
				KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
			List<TopicPartition> partitions = consumer.partitionsFor(this.deadLetterTopic, TIMEOUT)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
			Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), TIMEOUT);
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata start = committed.get(partition);
				if (start != null) {
					consumer.seek(partition, start.offset());
				}
				else {
					consumer.seekToBeginning(List.of(partition));
				}
			}
			int replayed = 0;
			while (!caughtUp(consumer, partitions, end)) {
				Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
				List<Future<RecordMetadata>> sends = new ArrayList<>();
				for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= end.get(partition)) {
						continue;
					}
					sends.add(producer.send(replayOf(record)));
					done.put(partition, new OffsetAndMetadata(record.offset() + 1));
					out.printf("Replaying %s-%d@%d (%s)%n", record.topic(), record.partition(), record.offset(),
							header(record, DeadLetterHeaders.ERROR));
				}
				for (Future<RecordMetadata> send : sends) {
					send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
				// Only once the broker has them: a crash before this replays them again,
				// which the store absorbs.
				consumer.commitSync(done, TIMEOUT);
				replayed += sends.size();
			}
			out.printf("Replayed %d dead-lettered record(s) from %s%n", replayed, this.deadLetterTopic);
			return replayed;
		}
	}

	private static boolean caughtUp(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
			Map<TopicPartition, Long> end) {
		return partitions.stream().allMatch((partition) -> consumer.position(partition, TIMEOUT) >= end.get(partition));
	}

	private static ProducerRecord<String, String> replayOf(ConsumerRecord<String, String> record) {
		String topic = header(record, DeadLetterHeaders.TOPIC);
		if (topic == null) {
			throw new IllegalStateException("Record " + record.offset() + " has no " + DeadLetterHeaders.TOPIC);
		}
		ProducerRecord<String, String> replay = new ProducerRecord<>(topic, record.key(), record.value());
		for (Header header : record.headers()) {
			if (!header.key().startsWith("dlt-")) {
				replay.headers().add(header);
			}
		}
		replay.headers()
			.add(DeadLetterHeaders.REPLAYED_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset())
				.getBytes(StandardCharsets.UTF_8));
		return replay;
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private Map<String, Object> consumerConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, this.groupId);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return config;
	}

	private Map<String, Object> producerConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return config;
	}

}
