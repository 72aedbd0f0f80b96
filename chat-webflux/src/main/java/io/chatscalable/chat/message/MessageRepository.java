package io.chatscalable.chat.message;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The messages and message_store_progress tables. */
@Repository
class MessageRepository {

	/**
	 * Characters (code points: PostgreSQL's left() counts characters) of a room's last
	 * message kept as its preview in the room list.
	 */
	static final int PREVIEW_LENGTH = 140;

	private static final String COLUMNS = "message_id, room_id, sender_id, sender_name, message_key, content, type, "
			+ "position, created_at";

	/**
	 * One statement for a whole batch: rows come in as parallel arrays. A message already
	 * stored (same sender and client message id) is skipped, so redelivery and re-sends
	 * store it once.
	 */
	private static final String INSERT = """
			INSERT INTO messages (message_key, message_id, room_id, sender_id, sender_name, content, type,
			                      position, created_at, kafka_partition, kafka_offset)
			SELECT m.k, CAST(m.id AS uuid), m.room, m.sender, m.sender_name, m.content, m.type,
			       m.kafka_offset, to_timestamp(m.sent_at / 1000.0), m.kafka_partition, m.kafka_offset
			FROM unnest(CAST(:keys AS varchar[]), CAST(:ids AS varchar[]), CAST(:rooms AS int8[]),
			            CAST(:senders AS int8[]), CAST(:senderNames AS varchar[]), CAST(:contents AS text[]),
			            CAST(:types AS varchar[]), CAST(:sentAts AS int8[]), CAST(:partitions AS int4[]),
			            CAST(:offsets AS int8[]))
			     AS m(k, id, room, sender, sender_name, content, type, sent_at, kafka_partition, kafka_offset)
			ON CONFLICT (message_key) DO NOTHING
			""";

	private static final String PROGRESS = """
			INSERT INTO message_store_progress (topic, kafka_partition, next_offset)
			SELECT :topic, p.kafka_partition, p.next_offset
			FROM unnest(CAST(:partitions AS int4[]), CAST(:nextOffsets AS int8[])) AS p(kafka_partition, next_offset)
			ON CONFLICT (topic, kafka_partition) DO UPDATE
			SET next_offset = GREATEST(message_store_progress.next_offset, EXCLUDED.next_offset), updated_at = now()
			""";

	/**
	 * The progress row and the room's messages of the gap. No progress row: nothing of
	 * the partition is stored, so there are no messages either (no row at all).
	 */
	private static final String GAP = """
			SELECT p.next_offset AS stored_to, m.*
			FROM message_store_progress p
			LEFT JOIN LATERAL (
			    SELECT %s FROM messages
			    WHERE room_id = :room AND position > :after AND position <= :upTo
			    ORDER BY position LIMIT :limit) m ON true
			WHERE p.topic = :topic AND p.kafka_partition = :partition
			""".formatted(COLUMNS);

	/**
	 * The room list's activity: for each room of a batch, the stored row of its newest
	 * record (by message key, so a re-sent duplicate resolves to the message as first
	 * stored); the upsert never moves a room back.
	 */
	private static final String ACTIVITY = """
			INSERT INTO room_activity (room_id, last_position, message_id, sender_id, sender_name, preview,
			                           last_activity_at)
			SELECT DISTINCT ON (m.room_id) m.room_id, m.position, m.message_id, m.sender_id, m.sender_name,
			       left(m.content, %d), m.created_at
			FROM messages m
			WHERE m.message_key = ANY(CAST(:keys AS varchar[]))
			ORDER BY m.room_id, m.position DESC
			ON CONFLICT (room_id) DO UPDATE
			SET last_position = EXCLUDED.last_position, message_id = EXCLUDED.message_id,
			    sender_id = EXCLUDED.sender_id, sender_name = EXCLUDED.sender_name, preview = EXCLUDED.preview,
			    last_activity_at = EXCLUDED.last_activity_at
			WHERE room_activity.last_position < EXCLUDED.last_position
			""".formatted(PREVIEW_LENGTH);

	private final DatabaseClient database;

	MessageRepository(DatabaseClient database) {
		this.database = database;
	}

	/** Stores the messages (skipping those already stored); emits how many were new. */
	Mono<Long> insert(List<StoredRecord> records) {
		if (records.isEmpty()) {
			return Mono.just(0L);
		}
		return this.database.sql(INSERT)
			.bind("keys", records.stream().map((r) -> r.message().messageKey()).toArray(String[]::new))
			.bind("ids", records.stream().map((r) -> r.message().messageId()).toArray(String[]::new))
			.bind("rooms", records.stream().map((r) -> r.message().roomId()).toArray(Long[]::new))
			.bind("senders", records.stream().map((r) -> r.message().senderId()).toArray(Long[]::new))
			.bind("senderNames", records.stream().map((r) -> r.message().senderName()).toArray(String[]::new))
			.bind("contents", records.stream().map((r) -> r.message().content()).toArray(String[]::new))
			.bind("types", records.stream().map((r) -> r.message().messageType()).toArray(String[]::new))
			.bind("sentAts", records.stream().map((r) -> r.message().sentAt()).toArray(Long[]::new))
			.bind("partitions", records.stream().map(StoredRecord::partition).toArray(Integer[]::new))
			.bind("offsets", records.stream().map(StoredRecord::offset).toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Moves each room of the batch's activity to its newest stored message: one statement
	 * per batch, one row per room.
	 */
	Mono<Void> touchRooms(List<StoredRecord> records) {
		Map<Long, StoredRecord> newest = new java.util.HashMap<>();
		for (StoredRecord record : records) {
			newest.merge(record.message().roomId(), record, (a, b) -> (a.offset() >= b.offset()) ? a : b);
		}
		if (newest.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql(ACTIVITY)
			.bind("keys", newest.values().stream().map((r) -> r.message().messageKey()).toArray(String[]::new))
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** Moves the store's progress forward (never back): partition -> next offset. */
	Mono<Void> advance(String topic, Map<Integer, Long> nextOffsets) {
		if (nextOffsets.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql(PROGRESS)
			.bind("topic", topic)
			.bind("partitions", nextOffsets.keySet().toArray(Integer[]::new))
			.bind("nextOffsets", nextOffsets.values().toArray(Long[]::new))
			.fetch()
			.rowsUpdated()
			.then();
	}

	/**
	 * What the database holds of a gap, in one statement (so one snapshot): how far the
	 * store got in the partition, and the room's stored messages with positions in
	 * ({@code after}, {@code upTo}], oldest first, at most {@code limit}. Every stored
	 * message of the partition lies below that progress, so the rest of the gap is in
	 * [progress, upTo] and only Kafka has it.
	 */
	Mono<StoredGap> gap(String topic, int partition, long roomId, long after, long upTo, int limit) {
		return this.database.sql(GAP)
			.bind("topic", topic)
			.bind("partition", partition)
			.bind("room", roomId)
			.bind("after", after)
			.bind("upTo", upTo)
			.bind("limit", limit)
			.map((row) -> new GapRow(row.get("stored_to", Long.class),
					(row.get("message_key", String.class) != null) ? toDelivered(row) : null))
			.all()
			.collectList()
			.map((rows) -> new StoredGap(rows.isEmpty() ? 0L : rows.get(0).storedTo(),
					rows.stream().map(GapRow::message).filter(Objects::nonNull).toList()));
	}

	/** The room's messages before {@code position}, newest first. */
	Flux<DeliveredMessage> before(long roomId, long position, int limit) {
		return this.database
			.sql("SELECT " + COLUMNS + " FROM messages WHERE room_id = :room AND position < :position "
					+ "ORDER BY position DESC LIMIT :limit")
			.bind("room", roomId)
			.bind("position", position)
			.bind("limit", limit)
			.map(MessageRepository::toDelivered)
			.all();
	}

	private static DeliveredMessage toDelivered(Readable row) {
		String key = row.get("message_key", String.class);
		ChatMessage message = new ChatMessage(row.get("message_id", UUID.class).toString(),
				row.get("room_id", Long.class), row.get("sender_id", Long.class), row.get("sender_name", String.class),
				key.substring(key.indexOf(':') + 1), row.get("content", String.class), row.get("type", String.class),
				row.get("created_at", OffsetDateTime.class).toInstant().toEpochMilli());
		return new DeliveredMessage(message, row.get("position", Long.class));
	}

	/**
	 * What the database holds of a gap.
	 *
	 * @param storedTo the store's progress in the partition: every record below it is
	 * stored or dead-lettered
	 * @param messages the room's stored messages of the gap, oldest first
	 */
	record StoredGap(long storedTo, List<DeliveredMessage> messages) {
	}

	private record GapRow(long storedTo, DeliveredMessage message) {
	}

	/** A message with the coordinates of its record. */
	record StoredRecord(ChatMessage message, int partition, long offset) {
	}

}
