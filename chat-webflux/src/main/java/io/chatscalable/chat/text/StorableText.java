package io.chatscalable.chat.text;

/**
 * Whether a string can be stored as it is: PostgreSQL's {@code text} refuses U+0000, and
 * an unpaired UTF-16 surrogate (JSON {@code "\ud800"} without a low surrogate after it,
 * or a low one alone) has no UTF-8 encoding, so the driver would store '?' or fail.
 * <p>
 * Checked where text enters (frames, REST bodies, records read from a topic), so that
 * nothing is accepted that the store would refuse later.
 */
public final class StorableText {

	/** Why such text is refused, worded for a client. */
	public static final String RULE = "must not contain U+0000 or unpaired UTF-16 surrogates";

	private StorableText() {
	}

	/** True when every character can be stored: no U+0000, every surrogate paired. */
	public static boolean isStorable(CharSequence text) {
		return firstProblem(text) < 0;
	}

	/**
	 * The index of the first character that cannot be stored (U+0000, or a surrogate that
	 * is not part of a pair), or -1.
	 */
	public static int firstProblem(CharSequence text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '\u0000' || Character.isLowSurrogate(c)) {
				return i;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return i;
				}
				// The pair's low half: checked with its high half.
				i++;
			}
		}
		return -1;
	}

}
