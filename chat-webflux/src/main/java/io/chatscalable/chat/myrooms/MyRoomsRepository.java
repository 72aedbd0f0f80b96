package io.chatscalable.chat.myrooms;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The caller's memberships with their rooms' activity, and unread counts. */
@Repository
class MyRoomsRepository {

	/**
	 * Unread counts stop at this: a room with more shows this number (clients show
	 * "999+"-style). Bounds the index range each count scans.
	 */
	static final int UNREAD_CAP = 1000;

	private static final String ACTIVITY = "COALESCE(a.last_activity_at, GREATEST(r.created_at, m.joined_at))";

	private static final String PAGE = """
			SELECT r.id, r.name, r.created_by, r.created_at, m.last_read_position,
			       a.last_position, a.message_id, a.sender_id, a.sender_name, a.preview, a.last_activity_at,
			       %1$s AS activity_at
			FROM room_members m
			JOIN rooms r ON r.id = m.room_id
			LEFT JOIN room_activity a ON a.room_id = m.room_id
			WHERE m.user_id = :userId %2$s
			ORDER BY activity_at DESC, r.id DESC
			LIMIT :limit
			""";

	private static final String FIRST_PAGE = PAGE.formatted(ACTIVITY, "");

	private static final String NEXT_PAGE = PAGE.formatted(ACTIVITY,
			"AND (" + ACTIVITY + ", r.id) < (:cursorAt, :cursorId)");

	/** One statement for a page: each room's count, capped, from the position index. */
	private static final String UNREAD = """
			SELECT v.room_id, (SELECT count(*) FROM (
			           SELECT 1 FROM messages x
			           WHERE x.room_id = v.room_id AND x.position > v.after AND x.sender_id <> :userId
			           LIMIT %d) capped) AS unread
			FROM unnest(CAST(:rooms AS int8[]), CAST(:afters AS int8[])) AS v(room_id, after)
			""".formatted(UNREAD_CAP);

	private final DatabaseClient database;

	MyRoomsRepository(DatabaseClient database) {
		this.database = database;
	}

	/** One page, most recent activity first. */
	Mono<List<Row>> page(long userId, RoomListCursor after, int limit) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql((after == null) ? FIRST_PAGE : NEXT_PAGE)
			.bind("userId", userId)
			.bind("limit", limit);
		if (after != null) {
			spec = spec.bind("cursorAt", after.activityAt()).bind("cursorId", after.roomId());
		}
		return spec.map(MyRoomsRepository::toRow).all().collectList();
	}

	/** Room id -> messages above the position not sent by the user, capped. */
	Mono<Map<Long, Long>> unread(long userId, Map<Long, Long> lastRead) {
		if (lastRead.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<Long> rooms = List.copyOf(lastRead.keySet());
		return this.database.sql(UNREAD)
			.bind("userId", userId)
			.bind("rooms", rooms.toArray(Long[]::new))
			.bind("afters", rooms.stream().map(lastRead::get).toArray(Long[]::new))
			.map((row) -> Map.entry(row.get("room_id", Long.class), row.get("unread", Long.class)))
			.all()
			.collect(HashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()));
	}

	private static Row toRow(Readable row) {
		Long position = row.get("last_position", Long.class);
		LastMessage last = (position == null) ? null
				: new LastMessage(position, row.get("message_id", UUID.class).toString(),
						row.get("sender_id", Long.class), row.get("sender_name", String.class),
						row.get("preview", String.class), row.get("last_activity_at", Instant.class).toEpochMilli());
		return new Row(row.get("id", Long.class), row.get("name", String.class), row.get("created_by", Long.class),
				row.get("created_at", Instant.class), row.get("activity_at", Instant.class),
				row.get("last_read_position", Long.class), last);
	}

	record Row(long id, String name, long createdBy, Instant createdAt, Instant activityAt, long lastReadPosition,
			LastMessage lastMessage) {
	}

	/**
	 * A room's last stored message.
	 *
	 * @param position its position
	 * @param messageId its id
	 * @param senderId the sender
	 * @param senderName the sender's name
	 * @param preview the content cut to 140 characters
	 * @param serverTime when the node accepted it, epoch ms
	 */
	record LastMessage(long position, String messageId, long senderId, String senderName, String preview,
			long serverTime) {
	}

}
