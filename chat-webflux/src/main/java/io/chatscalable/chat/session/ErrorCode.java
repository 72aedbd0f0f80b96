package io.chatscalable.chat.session;

/**
 * Stable codes of error frames; clients may switch on them. The connection stays open
 * after every one.
 */
enum ErrorCode {

	/** The frame is not a JSON object. */
	INVALID_JSON,

	/** The frame's {@code type} is missing or not one the server knows. */
	UNKNOWN_TYPE,

	/** A field is missing, of the wrong type or out of bounds. */
	INVALID_FRAME,

	/** The room does not exist. */
	ROOM_NOT_FOUND,

	/** The user is not a member of the room (join it over REST first). */
	NOT_A_MEMBER,

	/**
	 * {@code send}, {@code read} or {@code typing} for a room this socket has not joined.
	 */
	NOT_JOINED,

	/** Too many frames too fast; the frame was dropped. */
	RATE_LIMITED,

	/**
	 * {@code join}: membership could not be checked (PostgreSQL did not answer in time
	 * and the Redis projection has no answer); retry.
	 */
	UNAVAILABLE,

	/** The server could not handle the frame; retrying may work. */
	INTERNAL_ERROR

}
