package io.chatscalable.chat.message;

import java.util.List;

/**
 * What a join's catch-up found.
 *
 * @param result the outcome, as the joined frame reports it
 * @param messages the missed messages, oldest first (empty unless RECOVERED)
 */
public record Recovery(Result result, List<DeliveredMessage> messages) {

	/** No recovery asked for. */
	public static Recovery none() {
		return new Recovery(Result.NONE, List.of());
	}

	/** Neither the database nor the log could answer. */
	public static Recovery unavailable() {
		return new Recovery(Result.UNAVAILABLE, List.of());
	}

	static Recovery recovered(List<DeliveredMessage> messages) {
		return new Recovery(Result.RECOVERED, List.copyOf(messages));
	}

	static Recovery tooOld() {
		return new Recovery(Result.TOO_OLD, List.of());
	}

	/** The outcome of a recovery. */
	public enum Result {

		/** No recovery was asked for. */
		NONE,

		/** Every missed message follows. */
		RECOVERED,

		/** Too many were missed; reload history. */
		TOO_OLD,

		/** Neither the database nor the log could answer in time; reload history. */
		UNAVAILABLE

	}

}
