package io.chatscalable.chat.room;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** No room has that id. */
public class RoomNotFoundException extends ApiException {

	public RoomNotFoundException(long roomId) {
		super(HttpStatus.NOT_FOUND, "ROOM_NOT_FOUND", "No room " + roomId);
	}

}
