package io.chatscalable.chat.session;

import io.chatscalable.chat.room.RoomCreatedFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Relays every room created anywhere in the cluster to every socket on this node as a
 * room-created frame, serialized once per node.
 */
@Component
class RoomCreatedRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RoomCreatedRelay.class);

	private final RoomCreatedFeed feed;

	private final SessionRegistry registry;

	private final ServerFrames frames;

	private volatile Disposable subscription;

	RoomCreatedRelay(RoomCreatedFeed feed, SessionRegistry registry, ServerFrames frames) {
		this.feed = feed;
		this.registry = registry;
		this.frames = frames;
	}

	@Override
	public void start() {
		this.subscription = this.feed.events().subscribe((room) -> {
			OutboundFrame frame = this.frames.roomCreated(room);
			for (ChatSession session : this.registry.all()) {
				session.offer(frame);
			}
		}, (error) -> log.error("Room-created relay stopped", error));
	}

	@Override
	public void stop() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
			this.subscription = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}
