package io.chatscalable.chat.room;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/** A direct conversation with oneself was asked for. */
public class InvalidDirectConversationException extends ApiException {

	public InvalidDirectConversationException() {
		super(HttpStatus.BAD_REQUEST, "INVALID_DIRECT_CONVERSATION", "A direct conversation needs another user");
	}

}
