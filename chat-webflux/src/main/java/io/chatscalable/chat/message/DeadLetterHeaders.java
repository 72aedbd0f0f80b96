package io.chatscalable.chat.message;

/**
 * Headers of a dead-lettered record, besides the original's own: where it came from and
 * why it failed. The replay command reads them.
 */
public final class DeadLetterHeaders {

	/** The original topic. */
	public static final String TOPIC = "dlt-original-topic";

	/** The original partition. */
	public static final String PARTITION = "dlt-original-partition";

	/** The original offset. */
	public static final String OFFSET = "dlt-original-offset";

	/** The last error, for people. */
	public static final String ERROR = "dlt-error";

	/** When it was dead-lettered, ISO-8601. */
	public static final String FAILED_AT = "dlt-failed-at";

	/** On a replayed record: the dead-letter coordinates it was replayed from. */
	public static final String REPLAYED_FROM = "dlt-replayed-from";

	private DeadLetterHeaders() {
	}

}
