package io.chatscalable.chat.read;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** room_members.last_read_position. */
@Repository
class ReadRepository {

	/**
	 * One statement per flush; a position only rises (a late flush of an older mark, or
	 * another node's, changes nothing). A membership removed meanwhile is skipped.
	 */
	private static final String RAISE = """
			UPDATE room_members m SET last_read_position = v.position
			FROM unnest(CAST(:rooms AS int8[]), CAST(:users AS int8[]), CAST(:positions AS int8[]))
			     AS v(room_id, user_id, position)
			WHERE m.room_id = v.room_id AND m.user_id = v.user_id AND m.last_read_position < v.position
			""";

	private final DatabaseClient database;

	ReadRepository(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * The room and the user's membership of it: empty when the room does not exist; a
	 * state whose position is null when the user is not a member.
	 */
	Mono<MemberRead> find(long roomId, long userId) {
		return this.database.sql("SELECT r.id, m.last_read_position FROM rooms r"
				+ " LEFT JOIN room_members m ON m.room_id = r.id AND m.user_id = :userId WHERE r.id = :roomId"
				// A private room does not exist for a non-member (404, as on every path).
				+ " AND (r.visibility = 'PUBLIC' OR m.user_id IS NOT NULL)")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.map((row) -> new MemberRead(row.get("last_read_position", Long.class)))
			.one();
	}

	Mono<Long> raise(List<PendingRead> reads) {
		return this.database.sql(RAISE)
			.bind("rooms", reads.stream().map(PendingRead::roomId).toArray(Long[]::new))
			.bind("users", reads.stream().map(PendingRead::userId).toArray(Long[]::new))
			.bind("positions", reads.stream().map(PendingRead::position).toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * @param lastRead the stored position, null when not a member
	 */
	record MemberRead(Long lastRead) {
	}

	record PendingRead(long roomId, long userId, long position) {
	}

}
