package io.chatscalable.chat.infra.kafka;

/** A partition just assigned to a consumer, before it fetches from it. */
public interface AssignedPartition {

	String topic();

	int partition();

	/** The offset of the next record the consumer will read. */
	long position();

	/**
	 * The first offset the partition still holds (records below it were deleted by
	 * retention).
	 */
	long beginningOffset();

	/** Makes the consumer read from {@code offset} instead. */
	void seek(long offset);

}
