package io.chatscalable.chat.user;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** The user set a password at signup and this login did not give it. */
class WrongPasswordException extends ApiException {

	WrongPasswordException() {
		super(HttpStatus.UNAUTHORIZED, "WRONG_PASSWORD", "Wrong or missing password for this username");
	}

}
