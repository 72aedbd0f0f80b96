package io.chatscalable.chat.user;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The users table. */
@Repository
class UserRepository {

	private static final String COLUMNS = "id, username, password_hash, created_at";

	private final DatabaseClient database;

	UserRepository(DatabaseClient database) {
		this.database = database;
	}

	Mono<UserRecord> findByName(Username username) {
		return this.database.sql("SELECT " + COLUMNS + " FROM users WHERE lower(username) = :name")
			.bind("name", username.canonical())
			.map(UserRepository::toUser)
			.one();
	}

	Mono<UserRecord> findById(long id) {
		return this.database.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
			.bind("id", id)
			.map(UserRepository::toUser)
			.one();
	}

	/**
	 * Users whose lower-case name starts with the prefix, in name order, without
	 * {@code excludedId}: a range scan of users_username_prefix_idx.
	 */
	Flux<UserSummary> findByPrefix(UserQuery query, long excludedId) {
		return this.database
			.sql("SELECT id, username FROM users WHERE lower(username) COLLATE \"C\" LIKE :pattern"
					+ " AND id <> :excluded ORDER BY lower(username) COLLATE \"C\" LIMIT :limit")
			.bind("pattern", query.likePattern())
			.bind("excluded", excludedId)
			.bind("limit", query.limit())
			.map((row) -> new UserSummary(row.get("id", Long.class), row.get("username", String.class)))
			.all();
	}

	/**
	 * Inserts the user unless the name is taken (in any case); emits the new row, or
	 * nothing when another signup of the name won. Concurrent signups of one name wait on
	 * the unique index, and exactly one inserts.
	 */
	Mono<UserRecord> insertIfAbsent(Username username, String passwordHash) {
		DatabaseClient.GenericExecuteSpec insert = this.database
			.sql("INSERT INTO users (username, password_hash) VALUES (:name, :hash)"
					+ " ON CONFLICT (lower(username)) DO NOTHING RETURNING " + COLUMNS)
			.bind("name", username.value());
		insert = (passwordHash != null) ? insert.bind("hash", passwordHash) : insert.bindNull("hash", String.class);
		return insert.map(UserRepository::toUser).one();
	}

	private static UserRecord toUser(Readable row) {
		return new UserRecord(row.get("id", Long.class), row.get("username", String.class),
				row.get("password_hash", String.class), row.get("created_at", Instant.class));
	}

}
