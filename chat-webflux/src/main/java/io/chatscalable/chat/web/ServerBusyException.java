package io.chatscalable.chat.web;

import org.springframework.http.HttpStatus;

/** A bounded queue is full; the client should retry later. */
public class ServerBusyException extends ApiException {

	public ServerBusyException(String message) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "SERVER_BUSY", message);
	}

}
