package io.chatscalable.chat.user;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** A password given at signup is too short or too long. */
class InvalidPasswordException extends ApiException {

	InvalidPasswordException() {
		super(HttpStatus.BAD_REQUEST, "INVALID_PASSWORD", "Password must be 8 to 72 bytes (UTF-8)");
	}

}
