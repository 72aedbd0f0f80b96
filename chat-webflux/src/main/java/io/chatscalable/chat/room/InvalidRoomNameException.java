package io.chatscalable.chat.room;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** The room name breaks the rules of {@link RoomName}. */
class InvalidRoomNameException extends ApiException {

	InvalidRoomNameException() {
		super(HttpStatus.BAD_REQUEST, "INVALID_ROOM_NAME",
				"Room name must be 1-64 characters, without control characters or unpaired UTF-16 surrogates");
	}

}
