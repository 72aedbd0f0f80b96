package io.chatscalable.chat.myrooms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * Where a page of the room list ends: the last room's activity time (microseconds, as
 * PostgreSQL keeps it) and id. Opaque to clients: base64url of {@code micros:id}.
 *
 * @param activityAt the last room's activity
 * @param roomId the last room's id (ties of activity go by id, descending)
 */
record RoomListCursor(Instant activityAt, long roomId) {

	String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.activityAt);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((micros + ":" + this.roomId).getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor a client sent back; 400 INVALID_CURSOR if it is not one of ours. */
	static RoomListCursor decode(String text) {
		try {
			if (text.length() > 64) {
				throw new IllegalArgumentException("too long");
			}
			String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
			int colon = plain.indexOf(':');
			long micros = Long.parseLong(plain.substring(0, colon));
			long roomId = Long.parseLong(plain.substring(colon + 1));
			if (roomId < 1) {
				throw new IllegalArgumentException("room id");
			}
			return new RoomListCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), roomId);
		}
		catch (RuntimeException ex) {
			throw new InvalidCursorException();
		}
	}

	/** The cursor is not one this server handed out. */
	static final class InvalidCursorException extends ApiException {

		InvalidCursorException() {
			super(HttpStatus.BAD_REQUEST, "INVALID_CURSOR", "cursor is not a value from nextCursor");
		}

	}

}
