package io.chatscalable.chat.ratelimit;

import java.time.Duration;

import io.chatscalable.chat.web.ApiException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request over its limit: 429, code RATE_LIMITED, {@code Retry-After} in seconds.
 * Thrown on the hot path of a flood, so without a stack trace (ApiException).
 */
public class RateLimitExceededException extends ApiException {

	/** The problem code. */
	public static final String CODE = "RATE_LIMITED";

	private final long retryAfterSeconds;

	public RateLimitExceededException(String limit, Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, CODE, "Too many requests (" + limit + "); retry later");
		// Rounded up, at least 1: a client retrying at once would only be refused again.
		this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

	/** Whole seconds until the window ends, at least 1. */
	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
		return headers;
	}

}
