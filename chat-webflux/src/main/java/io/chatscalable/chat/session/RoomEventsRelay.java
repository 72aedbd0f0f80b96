package io.chatscalable.chat.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.chatscalable.chat.infra.lifecycle.LifecycleSubscription;
import io.chatscalable.chat.room.MemberJoined;
import io.chatscalable.chat.room.MemberLeft;
import io.chatscalable.chat.room.RoomCreated;
import io.chatscalable.chat.room.RoomEvent;
import io.chatscalable.chat.room.RoomEventsFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import org.springframework.stereotype.Component;

/**
 * Turns every room event of the cluster into frames for this node's sockets, each frame
 * serialized once per node:
 * <ul>
 * <li>RoomCreated: {@code room-created} to every local socket for a public room, to the
 * local sockets of its first members for a private one (never to anyone else);</li>
 * <li>MemberJoined: {@code member-joined} to the local sockets joined to the room, and to
 * the new member's own local sockets (how a user added to a private room, or who joined
 * on another device, learns of the room; the frame is then their cue to fetch it);</li>
 * <li>MemberLeft: the user's local sockets joined to the room leave it and get
 * {@code removed} (reason LEFT), so their next send gets NOT_JOINED and no more of the
 * room's messages reach them; the room's other local sockets get
 * {@code member-left}.</li>
 * </ul>
 * <p>
 * Why no leave is missed by a socket that joined: a socket join checks membership in
 * PostgreSQL, which sees every committed leave. A leave committed after that read writes
 * its MemberLeft outbox row in the same transaction, so the event reaches Kafka only
 * after the read, and this node's feed, which has read the topic from its latest offset
 * since the node started (before any of its sockets could join), sees it after the read
 * too. The socket is registered in the room right after the read returns, on the same
 * thread and without I/O in between, while the event first needs an outbox poll, a broker
 * round trip and a fetch. (The order of those two steps is not enforced by a lock: a
 * pause of the joining thread longer than that path would let the removal run first. When
 * the check fell back to the Redis projection, the projection's own lag applies, see
 * RoomService.requireMember.)
 * <p>
 * Runs on the feed's consumer thread and never blocks: offers go to the sockets' bounded
 * queues.
 */
@Component
class RoomEventsRelay extends LifecycleSubscription {

	private static final Logger log = LoggerFactory.getLogger(RoomEventsRelay.class);

	/** Why a socket was removed from a room: its user left the room over REST. */
	static final String REASON_LEFT = "LEFT";

	private final RoomEventsFeed feed;

	private final SessionRegistry registry;

	private final ServerFrames frames;

	RoomEventsRelay(RoomEventsFeed feed, SessionRegistry registry, ServerFrames frames) {
		this.feed = feed;
		this.registry = registry;
		this.frames = frames;
	}

	@Override
	protected Disposable subscribe() {
		// Unbounded demand: the feed's best-effort sink never drops for this subscriber.
		return this.feed.events().subscribe(this::relay, (error) -> log.error("Room relay stopped", error));
	}

	void relay(RoomEvent event) {
		try {
			if (event instanceof RoomCreated room) {
				broadcast(announcedTo(room), () -> this.frames.roomCreated(room));
			}
			else if (event instanceof MemberJoined joined) {
				broadcast(joinedTo(joined), () -> this.frames.memberJoined(joined));
			}
			else if (event instanceof MemberLeft left) {
				removeSockets(left);
				broadcast(this.registry.inRoom(left.roomId()), () -> this.frames.memberLeft(left));
			}
		}
		catch (RuntimeException ex) {
			// One bad event must not end the subscription, and with it every later
			// removal.
			log.error("Could not relay {}", event, ex);
		}
	}

	private void removeSockets(MemberLeft left) {
		List<ChatSession> removed = this.registry.leaveAll(left.roomId(), left.userId());
		if (removed.isEmpty()) {
			return;
		}
		OutboundFrame frame = this.frames.removed(left.roomId(), REASON_LEFT);
		for (ChatSession session : removed) {
			session.offer(frame);
		}
	}

	/**
	 * Every local socket for a public room; for a private one (direct conversations
	 * included) only its first members' sockets, so that nobody else learns of it.
	 */
	private Collection<ChatSession> announcedTo(RoomCreated room) {
		if (room.announcedToAll()) {
			return this.registry.all();
		}
		List<ChatSession> sockets = new ArrayList<>();
		for (Long memberId : room.memberIds()) {
			sockets.addAll(this.registry.ofUser(memberId));
		}
		return sockets;
	}

	/**
	 * The room's local sockets and the new member's own, each once (a socket of the new
	 * member may have joined the room already, on a join racing the event).
	 */
	private Collection<ChatSession> joinedTo(MemberJoined joined) {
		Collection<ChatSession> inRoom = this.registry.inRoom(joined.roomId());
		Collection<ChatSession> ofMember = this.registry.ofUser(joined.userId());
		if (ofMember.isEmpty()) {
			return inRoom;
		}
		Set<ChatSession> sockets = new LinkedHashSet<>(inRoom);
		sockets.addAll(ofMember);
		return sockets;
	}

	/** Encodes the frame once, and only when some local socket gets it. */
	private static void broadcast(Collection<ChatSession> recipients, Supplier<OutboundFrame> encode) {
		if (recipients.isEmpty()) {
			return;
		}
		OutboundFrame frame = encode.get();
		for (ChatSession session : recipients) {
			session.offer(frame);
		}
	}

}
