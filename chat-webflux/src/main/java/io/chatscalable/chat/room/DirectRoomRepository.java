package io.chatscalable.chat.room;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The direct_conversations table: one row per pair of users, lower id first. */
@Repository
class DirectRoomRepository {

	private final DatabaseClient database;

	DirectRoomRepository(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Inserts the pair's row unless it exists; emits the pair's room id, the existing one
	 * when another transaction created it first. A concurrent insert of the same pair
	 * waits on the primary key until the first commits, then finds its row.
	 */
	Mono<Long> insertOrFind(long low, long high, long roomId) {
		return this.database
			.sql("INSERT INTO direct_conversations (user_low, user_high, room_id) VALUES (:low, :high, :roomId)"
					+ " ON CONFLICT (user_low, user_high) DO NOTHING RETURNING room_id")
			.bind("low", low)
			.bind("high", high)
			.bind("roomId", roomId)
			.map((row) -> row.get("room_id", Long.class))
			.one()
			.switchIfEmpty(Mono.defer(() -> find(low, high)));
	}

	/** The pair's room id, if they have a conversation. */
	Mono<Long> find(long low, long high) {
		return this.database.sql("SELECT room_id FROM direct_conversations WHERE user_low = :low AND user_high = :high")
			.bind("low", low)
			.bind("high", high)
			.map((row) -> row.get("room_id", Long.class))
			.one();
	}

}
