package io.chatscalable.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.chatscalable.chat.infra.kafka.KafkaProperties;
import io.chatscalable.chat.infra.kafka.TopicLayout;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Reads stored messages: history pages, and the catch-up of a client that rejoins a room
 * with the last position it saw. Callers check membership.
 */
@Service
public class MessageHistory {

	/**
	 * How often a recovery looks whether the store has caught up: a healthy store is
	 * milliseconds behind, so a short interval keeps joins fast.
	 */
	private static final Duration PROGRESS_POLL = Duration.ofMillis(20);

	private final MessageRepository repository;

	private final MessageFeed feed;

	private final TopicLayout layout;

	private final String topic;

	private final MessageProperties.Recovery properties;

	MessageHistory(MessageRepository repository, MessageFeed feed, TopicLayout layout, KafkaProperties kafka,
			MessageProperties properties) {
		this.repository = repository;
		this.feed = feed;
		this.layout = layout;
		this.topic = kafka.topics().messages();
		this.properties = properties.recovery();
	}

	/**
	 * Up to {@code limit} messages before {@code before} (null: the latest), oldest
	 * first.
	 */
	public Mono<List<DeliveredMessage>> page(long roomId, Long before, int limit) {
		return this.repository.before(roomId, (before != null) ? before : Long.MAX_VALUE, limit)
			.collectList()
			.map((newestFirst) -> {
				List<DeliveredMessage> page = new ArrayList<>(newestFirst);
				Collections.reverse(page);
				return page;
			});
	}

	/**
	 * The messages of the room after {@code lastSeen} that this node's live stream will
	 * not deliver to a socket that has already joined the room here.
	 * <p>
	 * Call it after subscribing the socket. The fan-out consumer has begun delivering up
	 * to some offset of the room's partition; everything above reaches the socket live.
	 * Once the message store has stored everything up to that offset, the database holds
	 * every message the socket could have missed, and they are read in one query. The
	 * caller drops live messages at or below the last position it replays.
	 */
	public Mono<Recovery> recover(long roomId, long lastSeen) {
		int partition = this.layout.partitionFor(this.topic, Long.toString(roomId));
		Long reached = this.feed.reached(partition);
		if (reached == null) {
			return Mono.just(Recovery.unavailable());
		}
		int max = this.properties.maxMessages();
		return awaitStored(partition, reached + 1)
			.then(Mono.defer(() -> this.repository.after(roomId, lastSeen, max + 1).collectList()))
			.map((missed) -> (missed.size() > max) ? Recovery.tooOld() : Recovery.recovered(missed))
			.timeout(this.properties.timeout(), Mono.fromSupplier(Recovery::unavailable));
	}

	/** Completes once the store has everything of the partition below {@code offset}. */
	private Mono<Void> awaitStored(int partition, long offset) {
		return Mono.defer(() -> this.repository.progress(this.topic, partition))
			.filter((stored) -> stored >= offset)
			.repeatWhenEmpty((attempts) -> attempts.delayElements(PROGRESS_POLL))
			.then();
	}

	/**
	 * What a recovery found.
	 *
	 * @param result the outcome
	 * @param messages the missed messages, oldest first (empty unless RECOVERED)
	 */
	public record Recovery(Result result, List<DeliveredMessage> messages) {

		/** No recovery asked for. */
		public static Recovery none() {
			return new Recovery(Result.NONE, List.of());
		}

		/** The missed messages could not be read. */
		public static Recovery unavailable() {
			return new Recovery(Result.UNAVAILABLE, List.of());
		}

		static Recovery recovered(List<DeliveredMessage> messages) {
			return new Recovery(Result.RECOVERED, List.copyOf(messages));
		}

		static Recovery tooOld() {
			return new Recovery(Result.TOO_OLD, List.of());
		}

		/** The outcome of a recovery, as the joined frame reports it. */
		public enum Result {

			/** No recovery was asked for. */
			NONE,

			/** Every missed message follows. */
			RECOVERED,

			/** Too many were missed; reload history. */
			TOO_OLD,

			/** The missed messages could not be read in time; reload history. */
			UNAVAILABLE

		}

	}

}
