package io.chatscalable.chat.infra.kafka;

/**
 * What became of one {@link OutgoingRecord}.
 *
 * @param <T> the caller's correlation type
 * @param correlation the record's correlation
 * @param partition the partition it was written to, or -1 on failure
 * @param offset its offset, or -1 on failure
 * @param error why it failed, or null when the broker acknowledged it
 */
public record PublishResult<T>(T correlation, int partition, long offset, Exception error) {

	/**
	 * Whether the broker acknowledged the record (with every in-sync replica, acks=all).
	 */
	public boolean acknowledged() {
		return this.error == null;
	}

}
