package io.chatscalable.chat.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem+json bodies: RFC 9457 (7807) fields plus our stable {@code code}.
 */
public final class ProblemCodes {

	/** Unauthenticated: no, a forged or an expired token. */
	public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

	/** The body is not JSON of the expected shape. */
	public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";

	/** The body is larger than the server accepts. */
	public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";

	/** No such path or resource. */
	public static final String NOT_FOUND = "NOT_FOUND";

	/** The path exists, the method does not. */
	public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";

	/** The token is valid, the action is not allowed to this user. */
	public static final String FORBIDDEN = "FORBIDDEN";

	/** Anything we did not foresee; logged with its stack trace. */
	public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

	private ProblemCodes() {
	}

	/** A problem with its code. */
	public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://github.com/chat-scalable/chat-scalable/blob/main/docs/protocol.md#"
				+ code.toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
		problem.setProperty("code", code);
		return problem;
	}

	/**
	 * The code a framework error of {@code status} gets when it carries none of its own.
	 */
	public static String forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> UNAUTHENTICATED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 413 -> PAYLOAD_TOO_LARGE;
			default -> status.is5xxServerError() ? INTERNAL_ERROR : MALFORMED_REQUEST;
		};
	}

}
