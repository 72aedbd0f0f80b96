package io.chatscalable.chat.user;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** The username breaks the rules of {@link Username}. */
class InvalidUsernameException extends ApiException {

	InvalidUsernameException() {
		super(HttpStatus.BAD_REQUEST, "INVALID_USERNAME",
				"Username must be 3-32 characters: letters, digits, '_', '.', '-', starting with a letter or digit");
	}

}
