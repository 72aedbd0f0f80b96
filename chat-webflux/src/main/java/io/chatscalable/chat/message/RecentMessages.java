package io.chatscalable.chat.message;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's de-duplication window: per partition of the chat-message topic, the message
 * ids of the last {@code window} offsets, each with the offset of its shown copy.
 * <p>
 * A message can reach Kafka twice (a client re-sends after its node died without acking,
 * a dead-letter replay). The rule is one of offset distance: a record at offset X is a
 * copy when the same message id appears at an offset within (X - window, X). Every node
 * reads each partition in the same order, so every node that has read the {@code window}
 * offsets before X takes the same decision for X: the first copy is shown, the others are
 * dropped, everywhere. The feed reads {@code window} offsets of history per partition
 * before going live so that this holds from a node's start.
 * <p>
 * Written only by the fan-out consumer's thread ({@link #record}); read from any thread
 * ({@link #firstPosition}). Memory: at most {@code window} entries per partition.
 */
final class RecentMessages {

	private final int window;

	private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();

	RecentMessages(int window) {
		if (window < 1) {
			throw new IllegalArgumentException("The window must hold at least one offset");
		}
		this.window = window;
	}

	/** How many offsets per partition the window spans. */
	int window() {
		return this.window;
	}

	/**
	 * Notes the message id of the record at {@code offset} and tells where the message
	 * first appeared within the window: {@code offset} itself for a first copy, an
	 * earlier offset for a duplicate. Offsets of one partition must come in increasing
	 * order.
	 */
	long record(int partition, long offset, String messageId) {
		return this.partitions.computeIfAbsent(partition, (p) -> new Partition(this.window)).record(offset, messageId);
	}

	/**
	 * Where the message first appeared in the partition, or null when it is not in the
	 * window (never seen, or too long ago).
	 */
	Long firstPosition(int partition, String messageId) {
		Partition window = this.partitions.get(partition);
		return (window != null) ? window.first(messageId) : null;
	}

	/** How many message ids the window holds, over all partitions. */
	int size() {
		return this.partitions.values().stream().mapToInt(Partition::size).sum();
	}

	/** One partition's window: a ring indexed by offset modulo the window. */
	private static final class Partition {

		/** The message id of each offset in the window; null where none. */
		private final String[] ids;

		/** The offset each slot's id was recorded at. */
		private final long[] offsets;

		private final Map<String, Seen> seen = new ConcurrentHashMap<>();

		/** The offset after the last one recorded; -1 before the first. */
		private long next = -1;

		Partition(int window) {
			this.ids = new String[window];
			this.offsets = new long[window];
		}

		long record(long offset, String messageId) {
			evictUpTo(offset - this.ids.length);
			this.next = offset + 1;
			Seen earlier = this.seen.get(messageId);
			long first = (earlier != null) ? earlier.first() : offset;
			this.seen.put(messageId, new Seen(first, offset));
			int slot = slot(offset);
			this.ids[slot] = messageId;
			this.offsets[slot] = offset;
			return first;
		}

		Long first(String messageId) {
			Seen entry = this.seen.get(messageId);
			return (entry != null) ? entry.first() : null;
		}

		int size() {
			return this.seen.size();
		}

		/** Forgets the occurrences at or below {@code last}. */
		private void evictUpTo(long last) {
			if (this.next < 0 || last < 0) {
				return;
			}
			int window = this.ids.length;
			// Occurrences below next - window left earlier; a gap wider than the window
			// empties it, and each slot is visited once.
			long from = Math.max(this.next - window, last - window + 1);
			for (long old = Math.max(0, from); old <= last; old++) {
				int slot = slot(old);
				String id = this.ids[slot];
				if (id != null && this.offsets[slot] <= last) {
					this.ids[slot] = null;
					Seen entry = this.seen.get(id);
					if (entry != null && entry.last() == this.offsets[slot]) {
						this.seen.remove(id, entry);
					}
				}
			}
		}

		private int slot(long offset) {
			return (int) (offset % this.ids.length);
		}

	}

	/**
	 * Where a message was shown (its first copy in the window) and where it last
	 * appeared.
	 */
	private record Seen(long first, long last) {
	}

}
