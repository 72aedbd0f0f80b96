package io.chatscalable.chat.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated user search: the start of a username (1 to 32 characters of the username
 * alphabet, starting with a letter or digit, matched regardless of case) and how many
 * users to answer (1 to {@link #MAX_LIMIT}).
 *
 * @param prefix the start of the names, lower case
 * @param limit the most users answered
 */
public record UserQuery(String prefix, int limit) {

	/** The most users one search answers. */
	public static final int MAX_LIMIT = 20;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

	/** Validates a search as received. */
	public static UserQuery of(String rawPrefix, int limit) {
		if (rawPrefix == null || !VALID.matcher(rawPrefix).matches() || limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidUserQueryException();
		}
		return new UserQuery(rawPrefix.toLowerCase(Locale.ROOT), limit);
	}

	/**
	 * The prefix as a LIKE pattern: '_' is a name character here but a wildcard there, so
	 * it is escaped (the alphabet has no '%' or '\').
	 */
	String likePattern() {
		return this.prefix.replace("_", "\\_") + "%";
	}

}
