package io.chatscalable.chat.room;

import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The rooms and room_members tables. */
@Repository
class RoomRepository {

	private static final String COLUMNS = "id, name, created_by, created_at, visibility, kind";

	private final DatabaseClient database;

	RoomRepository(DatabaseClient database) {
		this.database = database;
	}

	Mono<RoomSummary> insert(RoomName name, long createdBy) {
		return insert(name.value(), createdBy, RoomVisibility.PUBLIC, RoomKind.ROOM);
	}

	Mono<RoomSummary> insert(String name, long createdBy, RoomVisibility visibility, RoomKind kind) {
		return this.database
			.sql("INSERT INTO rooms (name, created_by, visibility, kind) VALUES (:name, :createdBy, :visibility, :kind)"
					+ " RETURNING " + COLUMNS)
			.bind("name", name)
			.bind("createdBy", createdBy)
			.bind("visibility", visibility.name())
			.bind("kind", kind.name())
			.map(RoomRepository::toRoom)
			.one();
	}

	Mono<RoomSummary> findById(long id) {
		return this.database.sql("SELECT " + COLUMNS + " FROM rooms WHERE id = :id")
			.bind("id", id)
			.map(RoomRepository::toRoom)
			.one();
	}

	/**
	 * Ids of the rooms above {@code after}, in id order (an index-only scan of the
	 * primary key).
	 */
	Flux<Long> pageIds(long after, int limit) {
		return this.database.sql("SELECT id FROM rooms WHERE id > :after ORDER BY id LIMIT :limit")
			.bind("after", after)
			.bind("limit", limit)
			.map((row) -> row.get("id", Long.class))
			.all();
	}

	/**
	 * Ids of the rooms above {@code after} that the user may see (public ones, and
	 * private ones the user is a member of), in id order.
	 */
	Flux<Long> pageVisibleIds(long userId, long after, int limit) {
		return this.database
			.sql("SELECT id FROM rooms r WHERE id > :after AND (visibility = 'PUBLIC' OR EXISTS"
					+ " (SELECT 1 FROM room_members m WHERE m.room_id = r.id AND m.user_id = :userId))"
					+ " ORDER BY id LIMIT :limit")
			.bind("after", after)
			.bind("userId", userId)
			.bind("limit", limit)
			.map((row) -> row.get("id", Long.class))
			.all();
	}

	Flux<RoomSummary> findAll(List<Long> ids) {
		return this.database.sql("SELECT " + COLUMNS + " FROM rooms WHERE id = ANY(:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.map(RoomRepository::toRoom)
			.all();
	}

	/** Adds a member; emits the membership, the existing one when already a member. */
	Mono<Membership> addMember(long roomId, long userId) {
		return this.database
			.sql("INSERT INTO room_members (room_id, user_id) VALUES (:roomId, :userId)"
					+ " ON CONFLICT (room_id, user_id) DO NOTHING")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.then()
			.then(findMembership(roomId, userId));
	}

	/** Adds a member; emits whether a row was inserted (false: already a member). */
	Mono<Boolean> insertMember(long roomId, long userId) {
		return this.database
			.sql("INSERT INTO room_members (room_id, user_id) VALUES (:roomId, :userId)"
					+ " ON CONFLICT (room_id, user_id) DO NOTHING")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	/**
	 * Removes a member; emits the transaction's time when a row was deleted, nothing when
	 * the user was not a member.
	 */
	Mono<Instant> removeMember(long roomId, long userId) {
		return this.database
			.sql("DELETE FROM room_members WHERE room_id = :roomId AND user_id = :userId RETURNING now() AS left_at")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.map((row) -> row.get("left_at", Instant.class))
			.one();
	}

	Mono<Membership> findMembership(long roomId, long userId) {
		return this.database
			.sql("SELECT room_id, user_id, last_read_position, joined_at FROM room_members"
					+ " WHERE room_id = :roomId AND user_id = :userId")
			.bind("roomId", roomId)
			.bind("userId", userId)
			.map((row) -> new Membership(row.get("room_id", Long.class), row.get("user_id", Long.class),
					row.get("last_read_position", Long.class), row.get("joined_at", Instant.class)))
			.one();
	}

	private static RoomSummary toRoom(Readable row) {
		return new RoomSummary(row.get("id", Long.class), row.get("name", String.class),
				row.get("created_by", Long.class), row.get("created_at", Instant.class),
				RoomVisibility.valueOf(row.get("visibility", String.class)),
				RoomKind.valueOf(row.get("kind", String.class)));
	}

}
