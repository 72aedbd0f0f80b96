package io.chatscalable.chat.room;

/**
 * Membership could not be decided: PostgreSQL did not answer in time and the Redis
 * projection had no answer either. Retryable. Raised per socket join, so without a stack
 * trace.
 */
public class MembershipUnavailableException extends RuntimeException {

	public MembershipUnavailableException(long roomId) {
		super("Membership of room " + roomId + " cannot be checked right now; retry", null, false, false);
	}

}
