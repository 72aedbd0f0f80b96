package io.chatscalable.chat.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the HTTP status and the stable {@code code} of its
 * problem+json answer. Thrown on hot paths, so it has no stack trace.
 */
public abstract class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	protected ApiException(HttpStatus status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	/** The HTTP status of the answer. */
	public HttpStatus status() {
		return this.status;
	}

	/** The stable, documented code (see docs/protocol.md). */
	public String code() {
		return this.code;
	}

	/**
	 * Headers the answer carries besides the body (e.g. Retry-After); none by default.
	 */
	public HttpHeaders headers() {
		return HttpHeaders.EMPTY;
	}

}
