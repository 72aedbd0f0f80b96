package io.chatscalable.chat.user;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** A user search breaks the rules of {@link UserQuery}. */
class InvalidUserQueryException extends ApiException {

	InvalidUserQueryException() {
		super(HttpStatus.BAD_REQUEST, "INVALID_USER_QUERY",
				"prefix must be 1-32 characters: letters, digits, '_', '.', '-', starting with a letter or digit;"
						+ " limit must be 1-" + UserQuery.MAX_LIMIT);
	}

}
