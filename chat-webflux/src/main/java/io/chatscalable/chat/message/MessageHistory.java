package io.chatscalable.chat.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Reads stored messages: history pages. Callers check membership. (The catch-up of a
 * client that rejoins a room is {@link RoomCatchUp}'s.)
 */
@Service
public class MessageHistory {

	private final MessageRepository repository;

	MessageHistory(MessageRepository repository) {
		this.repository = repository;
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

}
