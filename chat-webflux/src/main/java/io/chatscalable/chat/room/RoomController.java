package io.chatscalable.chat.room;

import java.util.List;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rooms REST API. Every call carries a bearer token; the token, never the body, says
 * who acts.
 */
@RestController
@RequestMapping("/api/rooms")
class RoomController {

	static final int MAX_PAGE = 200;

	private final RoomService rooms;

	RoomController(RoomService rooms) {
		this.rooms = rooms;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<RoomSummary> create(@AuthenticationPrincipal Jwt jwt, @RequestBody CreateRoomRequest request) {
		return this.rooms.create(AuthenticatedUser.of(jwt), request.name(),
				(request.visibility() != null) ? request.visibility() : RoomVisibility.PUBLIC);
	}

	@GetMapping
	Mono<RoomPage> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "0") long after,
			@RequestParam(defaultValue = "50") int limit) {
		if (after < 0 || limit < 1 || limit > MAX_PAGE) {
			return Mono.error(new InvalidPageException());
		}
		return this.rooms.list(AuthenticatedUser.of(jwt).id(), after, limit).map((page) -> RoomPage.of(page, limit));
	}

	@GetMapping("/{roomId}")
	Mono<RoomSummary> find(@AuthenticationPrincipal Jwt jwt, @PathVariable long roomId) {
		return this.rooms.find(AuthenticatedUser.of(jwt).id(), roomId);
	}

	@PostMapping("/{roomId}/members")
	Mono<Membership> join(@AuthenticationPrincipal Jwt jwt, @PathVariable long roomId) {
		return this.rooms.join(AuthenticatedUser.of(jwt), roomId);
	}

	@DeleteMapping("/{roomId}/members/me")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> leave(@AuthenticationPrincipal Jwt jwt, @PathVariable long roomId) {
		return this.rooms.leave(AuthenticatedUser.of(jwt), roomId);
	}

	/**
	 * The create body.
	 *
	 * @param name the room name
	 * @param visibility PUBLIC (when absent) or PRIVATE
	 */
	record CreateRoomRequest(String name, RoomVisibility visibility) {
	}

	/**
	 * A listing page.
	 *
	 * @param rooms the rooms, in id order
	 * @param nextAfter pass as {@code after} for the next page; null on the last page
	 */
	record RoomPage(List<RoomSummary> rooms, Long nextAfter) {

		static RoomPage of(List<RoomSummary> rooms, int limit) {
			Long next = (rooms.size() == limit) ? rooms.get(rooms.size() - 1).id() : null;
			return new RoomPage(rooms, next);
		}

	}

	/** A listing asked for a page outside the bounds. */
	static final class InvalidPageException extends ApiException {

		InvalidPageException() {
			super(HttpStatus.BAD_REQUEST, "INVALID_PAGE", "after must be >= 0 and limit 1-" + MAX_PAGE);
		}

	}

}
