package io.chatscalable.chat.session;

/** Stable codes of error frames; clients may switch on them. */
enum ErrorCode {

	/** The frame is not a JSON object. */
	INVALID_JSON,

	/** The frame's {@code type} is missing or not one the server knows. */
	UNKNOWN_TYPE,

	/** A field is missing, of the wrong type or out of bounds. */
	INVALID_FRAME

}
