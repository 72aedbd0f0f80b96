package io.chatscalable.chat.room;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * A valid token names a user the database does not know (e.g. a wiped development
 * database).
 */
class UnknownUserException extends ApiException {

	UnknownUserException() {
		super(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "The token's user does not exist; log in again");
	}

}
