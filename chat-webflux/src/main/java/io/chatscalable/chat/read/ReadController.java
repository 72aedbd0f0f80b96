package io.chatscalable.chat.read;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT /api/rooms/{id}/read}: marks a room read for the caller. */
@RestController
class ReadController {

	private final ReadService reads;

	ReadController(ReadService reads) {
		this.reads = reads;
	}

	@PutMapping("/api/rooms/{roomId}/read")
	Mono<ReadState> markRead(@AuthenticationPrincipal Jwt jwt, @PathVariable long roomId,
			@RequestBody ReadRequest request) {
		if (request.position() == null || request.position() < 0) {
			return Mono.error(new InvalidPositionException());
		}
		return this.reads.markReadOverRest(AuthenticatedUser.of(jwt), roomId, request.position())
			.map((last) -> new ReadState(roomId, last));
	}

	/**
	 * The body.
	 *
	 * @param position the position of the last message read
	 */
	record ReadRequest(Long position) {
	}

	/**
	 * The answer.
	 *
	 * @param roomId the room
	 * @param lastReadPosition the stored maximum after the mark
	 */
	record ReadState(long roomId, long lastReadPosition) {
	}

	/** The position is missing or negative. */
	static final class InvalidPositionException extends ApiException {

		InvalidPositionException() {
			super(HttpStatus.BAD_REQUEST, "INVALID_POSITION", "position must be a non-negative integer");
		}

	}

}
