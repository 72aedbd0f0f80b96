package io.chatscalable.bot.accounting;

/**
 * What a bot message carries in its {@code content}, so that any recipient can check it:
 * {@code bot|<runId>|<userIdx>|<seq>|<sendNanos>|} then padding up to the message size.
 * The alphabet is JSON-safe, so frames can be written without escaping.
 *
 * @param runId the run the message belongs to
 * @param user the sender's index
 * @param seq the sender's sequence number, from 1
 * @param sendNanos {@link System#nanoTime()} of the first send attempt
 */
public record MessageContent(String runId, int user, long seq, long sendNanos) {

	private static final String PREFIX = "bot|";

	private static final char SEPARATOR = '|';

	private static final char PADDING = 'x';

	/** The content, padded with {@code x} to {@code size} characters when shorter. */
	public String encode(int size) {
		StringBuilder text = new StringBuilder(Math.max(size, 64)).append(PREFIX)
			.append(this.runId)
			.append(SEPARATOR)
			.append(this.user)
			.append(SEPARATOR)
			.append(this.seq)
			.append(SEPARATOR)
			.append(this.sendNanos)
			.append(SEPARATOR);
		while (text.length() < size) {
			text.append(PADDING);
		}
		return text.toString();
	}

	/** The {@code clientMessageId}: {@code <runId>-<userIdx>-<seq>}. */
	public String clientMessageId() {
		return clientMessageId(this.runId, this.user, this.seq);
	}

	public static String clientMessageId(String runId, int user, long seq) {
		return runId + "-" + user + "-" + seq;
	}

	/**
	 * Reads a content written by {@link #encode}.
	 * @param content a message's content
	 * @return the header, or {@code null} when the content is not a bot message
	 */
	public static MessageContent decode(String content) {
		if (content == null || !content.startsWith(PREFIX)) {
			return null;
		}
		int runEnd = content.indexOf(SEPARATOR, PREFIX.length());
		int userEnd = (runEnd < 0) ? -1 : content.indexOf(SEPARATOR, runEnd + 1);
		int seqEnd = (userEnd < 0) ? -1 : content.indexOf(SEPARATOR, userEnd + 1);
		int nanosEnd = (seqEnd < 0) ? -1 : content.indexOf(SEPARATOR, seqEnd + 1);
		if (nanosEnd < 0) {
			return null;
		}
		try {
			return new MessageContent(content.substring(PREFIX.length(), runEnd),
					Integer.parseInt(content, runEnd + 1, userEnd, 10),
					Long.parseLong(content, userEnd + 1, seqEnd, 10),
					Long.parseLong(content, seqEnd + 1, nanosEnd, 10));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The length of the header alone, for the smallest sensible message size. */
	public static int headerLength(String runId, int users) {
		return new MessageContent(runId, users, Long.MAX_VALUE / 2, Long.MIN_VALUE).encode(0).length();
	}

}
