package io.chatscalable.chat.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node's signals between two flushes, coalesced: the highest read position per room
 * and user, one typing notice per room and user, the latest presence change per user.
 * Each kind holds at most {@code maxPending} keys; a signal with a new key beyond that is
 * refused (the caller counts it). Thread-safe; never blocks.
 */
final class SignalBuffer {

	private final int maxPending;

	private final Map<RoomUser, Signals.Read> reads = new ConcurrentHashMap<>();

	private final Map<RoomUser, Signals.Typing> typing = new ConcurrentHashMap<>();

	private final Map<Long, Signals.Presence> presence = new ConcurrentHashMap<>();

	SignalBuffer(int maxPending) {
		this.maxPending = maxPending;
	}

	/** Keeps the higher position of the room and user (the latest socket with it). */
	boolean add(Signals.Read read) {
		RoomUser key = new RoomUser(read.roomId(), read.userId());
		if (this.reads.size() >= this.maxPending && !this.reads.containsKey(key)) {
			return false;
		}
		this.reads.merge(key, read, (old, next) -> (next.position() >= old.position()) ? next : old);
		return true;
	}

	boolean add(Signals.Typing notice) {
		RoomUser key = new RoomUser(notice.roomId(), notice.userId());
		if (this.typing.size() >= this.maxPending && !this.typing.containsKey(key)) {
			return false;
		}
		this.typing.put(key, notice);
		return true;
	}

	/** The latest change of a user wins: it is the user's state at the flush. */
	boolean add(Signals.Presence change) {
		if (this.presence.size() >= this.maxPending && !this.presence.containsKey(change.userId())) {
			return false;
		}
		this.presence.put(change.userId(), change);
		return true;
	}

	/**
	 * Takes everything buffered, in records of at most {@code maxPerRecord} signals (a
	 * Kafka record must stay well below the broker's size limit). A signal added while
	 * draining goes to this drain or the next, never lost.
	 */
	List<Signals> drain(String node, int maxPerRecord) {
		List<Signals.Read> reads = take(this.reads);
		List<Signals.Typing> typing = take(this.typing);
		List<Signals.Presence> presence = take(this.presence);
		List<Signals> records = new ArrayList<>();
		int total = reads.size() + typing.size() + presence.size();
		for (int from = 0; from < total; from += maxPerRecord) {
			int to = Math.min(total, from + maxPerRecord);
			records.add(new Signals(node, slice(reads, 0, from, to), slice(typing, reads.size(), from, to),
					slice(presence, reads.size() + typing.size(), from, to)));
		}
		return records;
	}

	/**
	 * The part of {@code list} (which starts at {@code offset} overall) in [from, to).
	 */
	private static <T> List<T> slice(List<T> list, int offset, int from, int to) {
		int start = Math.max(0, from - offset);
		int end = Math.min(list.size(), to - offset);
		return (start < end) ? List.copyOf(list.subList(start, end)) : List.of();
	}

	private static <K, V> List<V> take(Map<K, V> map) {
		List<V> taken = new ArrayList<>(map.size());
		for (K key : List.copyOf(map.keySet())) {
			V value = map.remove(key);
			if (value != null) {
				taken.add(value);
			}
		}
		return taken;
	}

	private record RoomUser(long roomId, long userId) {
	}

}
