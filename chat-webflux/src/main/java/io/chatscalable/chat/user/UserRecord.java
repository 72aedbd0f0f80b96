package io.chatscalable.chat.user;

import java.time.Instant;

/** A users row; {@code passwordHash} is null for a user who logs in by name alone. */
record UserRecord(long id, String username, String passwordHash, Instant createdAt) {

	UserSummary summary() {
		return new UserSummary(this.id, this.username);
	}

}
