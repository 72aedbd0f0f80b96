package io.chatscalable.bot.setup;

/**
 * A bot user after login.
 *
 * @param index the user's index in the scenario
 * @param userId the server's user id
 * @param username the username
 * @param token the bearer token
 */
public record LoggedInUser(int index, long userId, String username, String token) {

	@Override
	public String toString() {
		return "LoggedInUser[" + this.index + ", " + this.username + "]";
	}

}
