package io.chatscalable.chat.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A valid username: 3 to 32 characters, letters, digits, '_', '.', '-', starting with a
 * letter or digit. Kept as typed for display; unique regardless of case.
 *
 * @param value as typed
 */
public record Username(String value) {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{2,31}");

	/** Validates {@code raw}. */
	public static Username parse(String raw) {
		if (raw == null || !VALID.matcher(raw).matches()) {
			throw new InvalidUsernameException();
		}
		return new Username(raw);
	}

	/** The case-insensitive identity. */
	public String canonical() {
		return this.value.toLowerCase(Locale.ROOT);
	}

}
