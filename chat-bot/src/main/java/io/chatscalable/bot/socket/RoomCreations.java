package io.chatscalable.bot.socket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The {@code room-created} frames each user received for rooms whose name starts with a
 * prefix (the rooms a chaos run creates while it runs), so that each creation can be
 * checked to reach every socket exactly once. Thread-safe.
 */
public final class RoomCreations {

	/**
	 * Rooms tracked: a chaos run creates about one a second for a few minutes. Frames of
	 * further rooms are counted in {@link #untracked()} only.
	 */
	static final int MAX_ROOMS = 10_000;

	private final String prefix;

	private final int users;

	private final Map<String, AtomicIntegerArray> seen = new ConcurrentHashMap<>();

	private final java.util.concurrent.atomic.LongAdder untracked = new java.util.concurrent.atomic.LongAdder();

	/**
	 * @param prefix the names to track
	 * @param users how many users there are
	 */
	public RoomCreations(String prefix, int users) {
		this.prefix = prefix;
		this.users = users;
	}

	void received(String roomName, int user) {
		if (roomName == null || !roomName.startsWith(this.prefix)) {
			return;
		}
		AtomicIntegerArray counts = this.seen.get(roomName);
		if (counts == null) {
			if (this.seen.size() >= MAX_ROOMS) {
				this.untracked.increment();
				return;
			}
			counts = this.seen.computeIfAbsent(roomName, (name) -> new AtomicIntegerArray(this.users));
		}
		counts.incrementAndGet(user);
	}

	/**
	 * How many {@code room-created} frames for {@code roomName} user {@code user} got.
	 */
	public int count(String roomName, int user) {
		AtomicIntegerArray counts = this.seen.get(roomName);
		return (counts == null) ? 0 : counts.get(user);
	}

	/** The tracked room names seen by anybody. */
	public java.util.Set<String> names() {
		return java.util.Set.copyOf(this.seen.keySet());
	}

	/** Frames not tracked because {@link #MAX_ROOMS} was reached. */
	public long untracked() {
		return this.untracked.sum();
	}

}
