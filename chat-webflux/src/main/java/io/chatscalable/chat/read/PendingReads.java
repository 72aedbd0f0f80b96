package io.chatscalable.chat.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.chatscalable.chat.read.ReadRepository.PendingRead;

/**
 * Read positions waiting for PostgreSQL, coalesced: one entry per room and member, the
 * highest position wins, so a member who marks a room read a hundred times between two
 * flushes costs one row of one statement. Holds at most {@code maxPending} entries; a new
 * pair beyond that is refused. Thread-safe; never blocks.
 */
final class PendingReads {

	private final int maxPending;

	private final Map<Key, Long> pending = new ConcurrentHashMap<>();

	PendingReads(int maxPending) {
		this.maxPending = maxPending;
	}

	/** Queues the position; false when full (the pair is not queued). */
	boolean add(long roomId, long userId, long position) {
		Key key = new Key(roomId, userId);
		if (this.pending.size() >= this.maxPending && !this.pending.containsKey(key)) {
			return false;
		}
		this.pending.merge(key, position, Math::max);
		return true;
	}

	/** The queued position of the pair, or -1. */
	long get(long roomId, long userId) {
		return this.pending.getOrDefault(new Key(roomId, userId), -1L);
	}

	/** Takes every entry; one added meanwhile goes to this drain or the next. */
	List<PendingRead> drain() {
		List<PendingRead> taken = new ArrayList<>(this.pending.size());
		for (Key key : List.copyOf(this.pending.keySet())) {
			Long position = this.pending.remove(key);
			if (position != null) {
				taken.add(new PendingRead(key.roomId(), key.userId(), position));
			}
		}
		return taken;
	}

	/** Puts back what a failed flush took (merged with newer marks; bound applies). */
	int restore(List<PendingRead> reads) {
		int lost = 0;
		for (PendingRead read : reads) {
			if (!add(read.roomId(), read.userId(), read.position())) {
				lost++;
			}
		}
		return lost;
	}

	int size() {
		return this.pending.size();
	}

	private record Key(long roomId, long userId) {
	}

}
