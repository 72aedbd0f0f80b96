package io.chatscalable.chat.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * This node's sockets, and for each room the local sockets that joined it: the in-memory
 * map {@code roomId -> local sockets} that fan-out delivers from, and
 * {@code userId -> local sockets} that a leave over REST removes from a room. Nothing
 * here is shared between nodes. A closed socket is removed from every room it joined and
 * from its user's set; an emptied entry is removed from its map.
 */
@Component
class SessionRegistry {

	private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<Long, Set<ChatSession>> rooms = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<Long, Set<ChatSession>> users = new ConcurrentHashMap<>();

	/**
	 * Removed sockets that the node was closing (4000, 4001) while their TCP connection
	 * was still open: a client that does not read never completes the close, so
	 * {@link SessionHeartbeat} cuts them after the grace. Bounded by the sockets closed
	 * within one grace.
	 */
	private final Set<ChatSession> closing = ConcurrentHashMap.newKeySet();

	SessionRegistry(MeterRegistry meters) {
		Gauge.builder("chat.sessions", this.sessions, Set::size)
			.description("Open WebSocket connections on this node")
			.register(meters);
		Gauge.builder("chat.rooms.local", this.rooms, ConcurrentHashMap::size)
			.description("Rooms with at least one socket on this node")
			.register(meters);
		Gauge.builder("chat.sessions.closing", this.closing, Set::size)
			.description("Sockets the node is closing whose TCP connection is still open")
			.register(meters);
	}

	private volatile boolean closed;

	/**
	 * Registers a new socket; false once the node is shutting down (the socket must be
	 * closed).
	 */
	boolean add(ChatSession session) {
		if (this.closed) {
			return false;
		}
		this.sessions.add(session);
		add(this.users, session.user().id(), session);
		// A socket that raced with close() is closed by the caller of close() or here.
		if (this.closed && this.sessions.remove(session)) {
			remove(this.users, session.user().id(), session);
			return false;
		}
		return true;
	}

	/** Refuses new sockets from now on (shutdown). */
	void close() {
		this.closed = true;
	}

	/**
	 * Removes the socket from every room it joined; keeps it among the closing ones while
	 * the node's close has not ended its TCP connection.
	 */
	void remove(ChatSession session) {
		if (this.sessions.remove(session) && session.isClosing() && !session.isTerminated()
				&& session.isConnectionOpen()) {
			this.closing.add(session);
		}
		remove(this.users, session.user().id(), session);
		for (Long roomId : Set.copyOf(session.rooms())) {
			leave(roomId, session);
		}
	}

	void join(long roomId, ChatSession session) {
		session.addRoom(roomId);
		add(this.rooms, roomId, session);
	}

	void leave(long roomId, ChatSession session) {
		session.removeRoom(roomId);
		remove(this.rooms, roomId, session);
	}

	/**
	 * Takes every local socket of the user out of the room (the user left it); returns
	 * the sockets that had joined it.
	 */
	List<ChatSession> leaveAll(long roomId, long userId) {
		Set<ChatSession> ofUser = this.users.get(userId);
		if (ofUser == null) {
			return List.of();
		}
		List<ChatSession> removed = new ArrayList<>();
		for (ChatSession session : ofUser) {
			if (session.rooms().contains(roomId)) {
				leave(roomId, session);
				removed.add(session);
			}
		}
		return removed;
	}

	/** How many local sockets the user has open. */
	int countOf(long userId) {
		Set<ChatSession> ofUser = this.users.get(userId);
		return (ofUser != null) ? ofUser.size() : 0;
	}

	/** The user's local sockets. */
	Collection<ChatSession> ofUser(long userId) {
		Set<ChatSession> ofUser = this.users.get(userId);
		return (ofUser != null) ? ofUser : Set.of();
	}

	/** The local sockets in the room. */
	Collection<ChatSession> inRoom(long roomId) {
		Set<ChatSession> members = this.rooms.get(roomId);
		return (members != null) ? members : Set.of();
	}

	/** Removed sockets whose close the heartbeat watches (a live view). */
	Collection<ChatSession> closing() {
		return this.closing;
	}

	/** Stops watching a removed socket's close. */
	void closed(ChatSession session) {
		this.closing.remove(session);
	}

	/** Every local socket. */
	Collection<ChatSession> all() {
		return this.sessions;
	}

	private static void add(ConcurrentHashMap<Long, Set<ChatSession>> map, long key, ChatSession session) {
		map.compute(key, (id, members) -> {
			Set<ChatSession> set = (members != null) ? members : ConcurrentHashMap.newKeySet();
			set.add(session);
			return set;
		});
	}

	private static void remove(ConcurrentHashMap<Long, Set<ChatSession>> map, long key, ChatSession session) {
		map.computeIfPresent(key, (id, members) -> {
			members.remove(session);
			return members.isEmpty() ? null : members;
		});
	}

	/** Rooms with at least one local socket. */
	int roomCount() {
		return this.rooms.size();
	}

}
