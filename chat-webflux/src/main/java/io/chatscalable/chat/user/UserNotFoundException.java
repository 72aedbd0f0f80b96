package io.chatscalable.chat.user;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** The user a request names (to add to a room, to talk to directly) does not exist. */
public class UserNotFoundException extends ApiException {

	public UserNotFoundException(long userId) {
		super(HttpStatus.NOT_FOUND, "USER_NOT_FOUND", "No user " + userId);
	}

}
