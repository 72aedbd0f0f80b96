package io.chatscalable.chat.myrooms;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.myrooms.MyRoomsRepository.LastMessage;
import io.chatscalable.chat.myrooms.MyRoomsRepository.Row;
import io.chatscalable.chat.read.ReadPositions;
import io.chatscalable.chat.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me/rooms}: the caller's rooms, most recent activity first, with the
 * last message's preview and the unread count. Three round trips per page: the page
 * (PostgreSQL), the read positions Redis has not flushed yet, the unread counts
 * (PostgreSQL, one statement).
 */
@RestController
class MyRoomsController {

	static final int MAX_PAGE = 200;

	private final MyRoomsRepository repository;

	private final ReadPositions reads;

	MyRoomsController(MyRoomsRepository repository, ReadPositions reads) {
		this.repository = repository;
		this.reads = reads;
	}

	@GetMapping("/api/me/rooms")
	Mono<MyRooms> myRooms(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			return Mono.error(new InvalidPageException());
		}
		long userId = AuthenticatedUser.of(jwt).id();
		RoomListCursor after = (cursor != null && !cursor.isEmpty()) ? RoomListCursor.decode(cursor) : null;
		return this.repository.page(userId, after, limit)
			.flatMap((rows) -> this.reads.ofUser(userId, rows.stream().map(Row::id).toList()).flatMap((redis) -> {
				Map<Long, Long> lastRead = new HashMap<>();
				rows.forEach((row) -> lastRead.put(row.id(),
						Math.max(row.lastReadPosition(), redis.getOrDefault(row.id(), -1L))));
				return this.repository.unread(userId, lastRead).map((unread) -> page(rows, lastRead, unread, limit));
			}));
	}

	private static MyRooms page(List<Row> rows, Map<Long, Long> lastRead, Map<Long, Long> unread, int limit) {
		List<MyRoom> rooms = rows.stream()
			.map((row) -> new MyRoom(row.id(), row.name(), row.createdBy(), row.createdAt(), row.activityAt(),
					row.lastMessage(), lastRead.get(row.id()), unread.getOrDefault(row.id(), 0L)))
			.toList();
		String next = null;
		if (rows.size() == limit) {
			Row last = rows.get(rows.size() - 1);
			next = new RoomListCursor(last.activityAt(), last.id()).encode();
		}
		return new MyRooms(rooms, next);
	}

	/**
	 * A page.
	 *
	 * @param rooms the rooms, most recent activity first
	 * @param nextCursor pass as {@code cursor} for the next page; null on the last
	 */
	record MyRooms(List<MyRoom> rooms, String nextCursor) {
	}

	record MyRoom(long id, String name, long createdBy, Instant createdAt, Instant lastActivityAt,
			LastMessage lastMessage, long lastReadPosition, long unreadCount) {
	}

	/** The limit is outside the bounds. */
	static final class InvalidPageException extends ApiException {

		InvalidPageException() {
			super(HttpStatus.BAD_REQUEST, "INVALID_PAGE", "limit must be 1-" + MAX_PAGE);
		}

	}

}
