package io.chatscalable.chat.room;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** The user is not a member of the room the request is about. */
public class NotAMemberException extends ApiException {

	public NotAMemberException(long roomId) {
		super(HttpStatus.FORBIDDEN, "NOT_A_MEMBER",
				"Not a member of room " + roomId + "; join it with POST /api/rooms/" + roomId + "/members");
	}

}
