package io.chatscalable.chat.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * The one place where errors of the REST API become answers: application/problem+json
 * with a stable {@code code}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
		return ResponseEntity.status(ex.status())
			.headers(ex.headers())
			.body(ProblemCodes.problem(ex.status(), ex.code(), ex.getMessage()));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		log.error("Unexpected error", ex);
		HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
		return ResponseEntity.status(status)
			.body(ProblemCodes.problem(status, ProblemCodes.INTERNAL_ERROR, "Internal error"));
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		// An over-long body surfaces as a decoding error caused by the buffer limit.
		if (causedBy(ex, DataBufferLimitException.class)) {
			HttpStatus tooLarge = HttpStatus.CONTENT_TOO_LARGE;
			return Mono.just(ResponseEntity.status(tooLarge)
				.body(ProblemCodes.problem(tooLarge, ProblemCodes.PAYLOAD_TOO_LARGE, "Request body too large")));
		}
		String detail = causedBy(ex, DecodingException.class) ? "Request body is not valid JSON of the expected shape"
				: ex.getReason();
		return Mono.just(ResponseEntity.status(status)
			.body(ProblemCodes.problem(status, ProblemCodes.MALFORMED_REQUEST, detail)));
	}

	@Override
	protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			ServerWebExchange exchange) {
		if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
			problem.setProperty("code", ProblemCodes.forStatus(status));
		}
		return super.createResponseEntity(body, headers, status, exchange);
	}

	private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
