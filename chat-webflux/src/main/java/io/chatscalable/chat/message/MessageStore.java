package io.chatscalable.chat.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.infra.kafka.ConsumerLifecycle;
import io.chatscalable.chat.infra.kafka.ConsumerSpec;
import io.chatscalable.chat.infra.kafka.EventPublisher;
import io.chatscalable.chat.infra.kafka.EventSubscriber;
import io.chatscalable.chat.infra.kafka.IncomingRecord;
import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.OutgoingRecord;
import io.chatscalable.chat.message.MessageRepository.StoredRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Stores every chat message in PostgreSQL: a load-balanced consumer group
 * ({@code chat-message-store}), one transaction per poll, offsets committed only after
 * the transaction.
 * <p>
 * Each transaction also moves the activity of the batch's rooms ({@code room_activity}:
 * the newest stored message, for the room list), one row per room per batch.
 * <p>
 * Idempotent: a message already stored (same sender, same client message id) is skipped,
 * so redelivery after a crash or rebalance and re-sends store it once. Each transaction
 * also moves the group's progress per partition ({@code message_store_progress}), which
 * recovery waits on.
 * <p>
 * When a batch breaks a constraint, its records are stored one by one; a record the
 * database keeps refusing is tried {@code chat.messages.store.max-attempts} times with
 * backoff, then published to the dead-letter topic with why, and the records after it are
 * stored. An unreadable record goes there at once (no retry can fix it). Any other
 * failure (the database or Kafka unreachable) is an outage: the batch is retried until it
 * succeeds, and nothing is dead-lettered for it.
 */
@Component
class MessageStore extends ConsumerLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MessageStore.class);

	static final String GROUP_ID = "chat-message-store";

	private final MessageRepository repository;

	private final TransactionalOperator transaction;

	private final EventPublisher publisher;

	private final MessageRecords records;

	private final String topic;

	private final String deadLetterTopic;

	private final MessageProperties.Store properties;

	private final Counter stored;

	private final Counter deadLettered;

	MessageStore(EventSubscriber subscriber, MessageRepository repository, TransactionalOperator transaction,
			EventPublisher publisher, MessageRecords records, KafkaProperties kafka, MessageProperties properties,
			MeterRegistry meters) {
		super(subscriber);
		this.repository = repository;
		this.transaction = transaction;
		this.publisher = publisher;
		this.records = records;
		this.topic = kafka.topics().messages();
		this.deadLetterTopic = kafka.topics().messagesDeadLetter();
		this.properties = properties.store();
		this.stored = Counter.builder("chat.messages.stored")
			.description("Chat messages this node stored in PostgreSQL")
			.register(meters);
		this.deadLettered = Counter.builder("chat.messages.dead.lettered")
			.description("Chat records this node published to the dead-letter topic instead of storing them")
			.register(meters);
	}

	Mono<Void> handleBatch(List<IncomingRecord> batch) {
		List<StoredRecord> readable = new ArrayList<>(batch.size());
		List<IncomingRecord> unreadable = new ArrayList<>();
		for (IncomingRecord record : batch) {
			try {
				readable.add(new StoredRecord(this.records.read(record.value()), record.partition(), record.offset()));
			}
			catch (InvalidMessageException ex) {
				unreadable.add(record);
			}
		}
		if (!unreadable.isEmpty()) {
			// Rare: keep partition order simple by going one by one.
			return Flux.fromIterable(batch).concatMap(this::storeOne).then();
		}
		return storeAll(readable).onErrorResume(StoreFailures::isRefusedByDatabase, (ex) -> {
			log.warn("A batch of {} messages was refused ({}); storing them one by one", batch.size(), ex.toString());
			return Flux.fromIterable(batch).concatMap(this::storeOne).then();
		});
	}

	private Mono<Void> storeAll(List<StoredRecord> batch) {
		Mono<Void> work = this.repository.insert(batch)
			.doOnNext(this.stored::increment)
			// The room list's order and preview: one upsert per batch, in its
			// transaction.
			.then(this.repository.touchRooms(batch))
			.then(this.repository.advance(this.topic, nextOffsets(batch)));
		return this.transaction.transactional(work);
	}

	/** One record: stored, or after its attempts dead-lettered; an outage is an error. */
	private Mono<Void> storeOne(IncomingRecord record) {
		ChatMessage message;
		try {
			message = this.records.read(record.value());
		}
		catch (InvalidMessageException ex) {
			return deadLetter(record, ex);
		}
		return Mono.defer(() -> storeAll(List.of(new StoredRecord(message, record.partition(), record.offset()))))
			.retryWhen(Retry.backoff(this.properties.maxAttempts() - 1L, this.properties.firstBackoff())
				.filter(StoreFailures::isRefusedByDatabase))
			.onErrorResume((error) -> StoreFailures.isRefusedByDatabase(StoreFailures.unwrap(error)),
					(error) -> deadLetter(record, StoreFailures.unwrap(error)));
	}

	private Mono<Void> deadLetter(IncomingRecord record, Throwable cause) {
		Map<String, String> headers = new LinkedHashMap<>(record.headers());
		headers.put(DeadLetterHeaders.TOPIC, record.topic());
		headers.put(DeadLetterHeaders.PARTITION, Integer.toString(record.partition()));
		headers.put(DeadLetterHeaders.OFFSET, Long.toString(record.offset()));
		headers.put(DeadLetterHeaders.ERROR, String.valueOf(cause));
		headers.put(DeadLetterHeaders.FAILED_AT, Instant.now().toString());
		OutgoingRecord<Void> dead = new OutgoingRecord<>(this.deadLetterTopic, record.key(), record.value(), headers,
				null);
		return this.publisher.publishOne(dead).flatMap((result) -> {
			if (!result.acknowledged()) {
				// Kafka is failing: an outage, so the batch is retried.
				return Mono.error(result.error());
			}
			this.deadLettered.increment();
			log.error("Message record {} dead-lettered to {}@{} after it failed: {}", record.coordinates(),
					this.deadLetterTopic, result.offset(), cause.toString());
			// Past it: recovery must not wait for a record that will never be stored.
			return this.transaction
				.transactional(this.repository.advance(this.topic, Map.of(record.partition(), record.offset() + 1)));
		});
	}

	private static Map<Integer, Long> nextOffsets(List<StoredRecord> batch) {
		Map<Integer, Long> next = new LinkedHashMap<>();
		for (StoredRecord record : batch) {
			next.merge(record.partition(), record.offset() + 1, Math::max);
		}
		return next;
	}

	@Override
	protected EventSubscriber.Running startLoop(EventSubscriber subscriber) {
		return subscriber.startBatches(spec(), this::handleBatch);
	}

	@Override
	protected ConsumerSpec spec() {
		return ConsumerSpec.batched(GROUP_ID, List.of(this.topic));
	}

}
