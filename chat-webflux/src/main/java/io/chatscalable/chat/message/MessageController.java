package io.chatscalable.chat.message;

import java.util.List;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.room.RoomService;
import io.chatscalable.chat.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A room's message history, for its members, newest page first. */
@RestController
@RequestMapping("/api/rooms/{roomId}/messages")
class MessageController {

	static final int MAX_PAGE = 200;

	private final RoomService rooms;

	private final MessageHistory history;

	MessageController(RoomService rooms, MessageHistory history) {
		this.rooms = rooms;
		this.history = history;
	}

	@GetMapping
	Mono<MessagePage> page(@AuthenticationPrincipal Jwt jwt, @PathVariable long roomId,
			@RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
		if ((before != null && before < 1) || limit < 1 || limit > MAX_PAGE) {
			return Mono.error(new InvalidPageException());
		}
		return this.rooms.requireMember(roomId, AuthenticatedUser.of(jwt).id())
			.then(this.history.page(roomId, before, limit))
			.map((page) -> MessagePage.of(page, limit));
	}

	/**
	 * A page of history.
	 *
	 * @param messages oldest first
	 * @param nextBefore the {@code before} of the older page, or null when there is none
	 */
	record MessagePage(List<MessageView> messages, Long nextBefore) {

		static MessagePage of(List<DeliveredMessage> page, int limit) {
			Long nextBefore = (page.size() == limit) ? page.get(0).position() : null;
			return new MessagePage(page.stream().map(MessageView::of).toList(), nextBefore);
		}

	}

	/** One message, with the fields of the WebSocket message frame. */
	record MessageView(long roomId, long position, String messageId, long senderId, String senderName, String content,
			String messageType, long serverTime) {

		static MessageView of(DeliveredMessage delivered) {
			ChatMessage message = delivered.message();
			return new MessageView(message.roomId(), delivered.position(), message.messageId(), message.senderId(),
					message.senderName(), message.content(), message.messageType(), message.sentAt());
		}

	}

	static final class InvalidPageException extends ApiException {

		InvalidPageException() {
			super(HttpStatus.BAD_REQUEST, "INVALID_PAGE", "before must be >= 1 and limit 1-" + MAX_PAGE);
		}

	}

}
