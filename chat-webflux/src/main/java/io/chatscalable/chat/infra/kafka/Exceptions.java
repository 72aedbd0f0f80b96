package io.chatscalable.chat.infra.kafka;

/** Unwraps Reactor's retry-exhausted wrapper to the error that caused it. */
final class Exceptions {

	private Exceptions() {
	}

	static Throwable unwrapRetry(Throwable error) {
		return (reactor.core.Exceptions.isRetryExhausted(error) && error.getCause() != null) ? error.getCause() : error;
	}

}
