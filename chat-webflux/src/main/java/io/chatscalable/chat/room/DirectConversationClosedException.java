package io.chatscalable.chat.room;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * Someone tried to add a member to a direct conversation: it stays between its two users.
 */
public class DirectConversationClosedException extends ApiException {

	public DirectConversationClosedException(long roomId) {
		super(HttpStatus.FORBIDDEN, "DIRECT_CONVERSATION",
				"Room " + roomId + " is a direct conversation; no one else can be added");
	}

}
