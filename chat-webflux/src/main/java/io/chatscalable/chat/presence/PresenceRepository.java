package io.chatscalable.chat.presence;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Memberships as presence needs them. */
@Repository
class PresenceRepository {

	/** Rooms of a user a presence change is announced to (the lowest ids first). */
	static final int MAX_ROOMS = 1000;

	/** Members listed by GET /api/rooms/{id}/members (the earliest joined first). */
	static final int MAX_MEMBERS = 1000;

	private final DatabaseClient database;

	PresenceRepository(DatabaseClient database) {
		this.database = database;
	}

	Mono<List<Long>> roomsOf(long userId) {
		return this.database
			.sql("SELECT room_id FROM room_members WHERE user_id = :userId ORDER BY room_id LIMIT " + MAX_ROOMS)
			.bind("userId", userId)
			.map((row) -> row.get("room_id", Long.class))
			.all()
			.collectList();
	}

	/** Whether the room exists (empty if not) and the user is one of its members. */
	Mono<Boolean> isMember(long roomId, long userId) {
		return this.database
			.sql("SELECT m.user_id FROM rooms r LEFT JOIN room_members m ON m.room_id = r.id AND m.user_id = :userId"
					+ " WHERE r.id = :roomId"
					// A private room does not exist for a non-member (404, as on every
					// path).
					+ " AND (r.visibility = 'PUBLIC' OR m.user_id IS NOT NULL)")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.map((row) -> row.get("user_id", Long.class) != null)
			.one();
	}

	Mono<List<Member>> members(long roomId) {
		return this.database
			.sql("SELECT m.user_id, u.username, m.joined_at, m.last_read_position FROM room_members m"
					+ " JOIN users u ON u.id = m.user_id WHERE m.room_id = :roomId"
					+ " ORDER BY m.joined_at, m.user_id LIMIT " + MAX_MEMBERS)
			.bind("roomId", roomId)
			.map((row) -> new Member(row.get("user_id", Long.class), row.get("username", String.class),
					row.get("joined_at", Instant.class), row.get("last_read_position", Long.class)))
			.all()
			.collectList();
	}

	record Member(long userId, String username, Instant joinedAt, long lastReadPosition) {
	}

}
