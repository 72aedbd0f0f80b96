package io.chatscalable.bot.socket;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.chatscalable.bot.accounting.Ledger;
import io.chatscalable.bot.accounting.MessageContent;
import io.chatscalable.bot.accounting.SentMessage;
import io.chatscalable.bot.setup.LoggedInUser;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One bot user's WebSocket: joins, paced sends with retries, deliveries into the ledger,
 * and reconnection with recovery (see the package documentation). All state is guarded by
 * this object's monitor; frames arrive on an event loop, ticks on the pacer thread.
 */
public final class BotConnection {

	/** Consecutive failed connection attempts before the user gives up. */
	static final int MAX_CONNECT_ATTEMPTS = 20;

	/**
	 * Attempts of one join on one socket before the socket is dropped and reconnected.
	 */
	static final int MAX_JOIN_ATTEMPTS = 5;

	/** Ids of {@code read} frames: never mistaken for a join's or a send's. */
	static final String READ_ID_PREFIX = "read-";

	private final LoggedInUser user;

	private final ConnectionSettings settings;

	private final SocketResources resources;

	private final FrameDecoder decoder;

	private final Ledger ledger;

	private final ConnectionStats stats;

	private final int[] rooms;

	private final long[] lastPosition;

	private final HistoryReloads reloads;

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private int node;

	private Session session;

	private int connectAttempts;

	private boolean stopping;

	private boolean everReconnected;

	private final PacedSender sender;

	BotConnection(LoggedInUser user, ConnectionSettings settings, SocketResources resources, FrameDecoder decoder) {
		this.user = user;
		this.settings = settings;
		this.resources = resources;
		this.decoder = decoder;
		this.ledger = settings.ledger();
		this.stats = settings.stats();
		this.rooms = this.ledger.topology().roomsOf(user.index());
		this.lastPosition = new long[this.rooms.length];
		Arrays.fill(this.lastPosition, -1);
		this.reloads = new HistoryReloads(user, settings, this.rooms.length);
		this.node = user.index() % settings.nodes().size();
		this.sender = new PacedSender(settings, user.index(), this.rooms);
	}

	/** Creates the sockets of a scenario; they connect on {@link #connect()}. */
	public static BotConnection create(LoggedInUser user, ConnectionSettings settings, SocketResources resources) {
		return new BotConnection(user, settings, resources, new FrameDecoder());
	}

	public int userIndex() {
		return this.user.index();
	}

	/** Whether the socket was ever replaced (closed by the server, or failed). */
	public synchronized boolean reconnected() {
		return this.everReconnected;
	}

	/** Completes once the socket has joined every room the first time. */
	public CompletableFuture<Void> ready() {
		return this.ready;
	}

	/** Connects; see {@link #ready()}. */
	public synchronized void connect() {
		Session next = new Session(roomsQueueCapacity(), this.rooms.length);
		this.session = next;
		URI base = this.settings.nodes().get(this.node);
		String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
		String uri = scheme + "://" + base.getRawAuthority() + "/ws";
		// The login token goes in the handshake's Authorization header, never in a URL
		// (the server refuses ?access_token=); tickets are for browsers.
		next.subscription = this.resources.websocket(this.user.token()).uri(uri).handle((in, out) -> {
			next.out = out;
			in.receiveCloseStatus().subscribe((status) -> next.closeCode = status.code());
			Mono<Void> receiving = in.aggregateFrames().receiveFrames().doOnNext((frame) -> {
				if (frame instanceof TextWebSocketFrame text) {
					onText(next, text.text());
				}
			}).then().doFinally((signal) -> next.outbound.tryEmitComplete());
			Mono<Void> sending = out.sendString(next.outbound.asFlux()).then();
			return Mono.when(receiving, sending);
		}).subscribe(null, (error) -> ended(next), () -> ended(next));
	}

	/** Sending starts: each {@link #tick()} is one message due. */
	public synchronized void startSending() {
		this.sender.start();
	}

	/** No more new messages; the one in flight still completes. */
	public synchronized void stopSending() {
		this.sender.stop();
	}

	/** Whether a send is waiting for its ack. */
	public synchronized boolean idle() {
		return this.sender.idle();
	}

	/** One message is due now (called by tests). */
	public void tick() {
		tick(System.nanoTime());
	}

	/**
	 * One message is due; {@code scheduledNanos} is when (the pacer's schedule, not when
	 * this call runs), so a late tick still counts from its due time.
	 */
	public synchronized void tick(long scheduledNanos) {
		if (!this.stopping) {
			emit(this.session, this.sender.due(isReady(), scheduledNanos));
			if (this.sender.idle()) {
				// The send in flight was given up at its deadline: the next one goes.
				emit(this.session, isReady() ? this.sender.next() : null);
			}
		}
	}

	/**
	 * Closes the socket with 1000 and stops reconnecting.
	 * @return completes when the socket is closed
	 */
	public synchronized CompletableFuture<Void> stop() {
		this.stopping = true;
		this.sender.stop();
		Session current = this.session;
		if (current == null) {
			this.closed.complete(null);
		}
		else if (current.out != null) {
			current.out.sendClose(1000, "bot done").subscribe(null, (error) -> kill());
		}
		else {
			kill();
		}
		return this.closed;
	}

	/**
	 * Drops the socket at once, without a close frame (after {@link #stop()} timed out).
	 */
	public synchronized void kill() {
		this.stopping = true;
		Session current = this.session;
		if (current != null && current.subscription != null) {
			current.subscription.dispose();
		}
		this.closed.complete(null);
	}

	private void onText(Session from, String text) {
		long receivedNanos = System.nanoTime();
		InboundFrame frame;
		try {
			frame = this.decoder.decode(text);
		}
		catch (RuntimeException ex) {
			this.stats.undecodable.increment();
			return;
		}
		if ("message".equals(frame.type())) {
			onMessage(from, frame, receivedNanos);
			return;
		}
		synchronized (this) {
			if (from != this.session) {
				return;
			}
			switch (String.valueOf(frame.type())) {
				case "welcome" -> onWelcome(from);
				case "joined" -> onJoined(from, frame);
				case "ack" -> onAck(frame, receivedNanos);
				case "nack" -> onNack(frame);
				case "error" -> onError(from, frame);
				case "room-created" -> this.stats.roomCreated(frame.roomName(), this.user.index());
				// Read state, typing and presence are counted, never part of the
				// accounting.
				case "marked-read" -> this.stats.markedRead.increment();
				case "read-receipt" -> this.stats.readReceipts.increment();
				case "read-state" -> this.stats.readStates.increment();
				case "typing" -> this.stats.typingReceived.increment();
				case "presence" -> this.stats.presence.increment();
				default -> {
					// pong, left, member-joined, member-left: nothing to check.
				}
			}
		}
	}

	private void onMessage(Session from, InboundFrame frame, long receivedNanos) {
		int room = this.settings.roomIndexOf(frame.roomId());
		MessageContent content = MessageContent.decode(frame.content());
		synchronized (this) {
			if (from != this.session) {
				return;
			}
			int slot = slotOf(room);
			if (slot >= 0) {
				if (frame.position() > this.lastPosition[slot]) {
					this.lastPosition[slot] = frame.position();
				}
				if (!this.reloads.live(slot, frame.position(), content)) {
					// The other half of a merge by position: the client has it already.
					this.stats.historyOverlaps.increment();
					return;
				}
			}
		}
		this.ledger.delivered(this.user.index(), room, frame.position(), content, receivedNanos);
	}

	private void onWelcome(Session from) {
		from.welcomed = true;
		this.stats.open.incrementAndGet();
		this.stats.connects.increment();
		for (int slot = 0; slot < this.rooms.length; slot++) {
			sendJoin(from, slot);
		}
	}

	private void sendJoin(Session to, int slot) {
		boolean reconnecting = this.ready.isDone();
		long lastSeen = reconnecting ? this.lastPosition[slot] : -1;
		to.lastSeenSent[slot] = lastSeen;
		emit(to, ClientFrames.join("j" + slot, this.settings.roomIds()[this.rooms[slot]], lastSeen));
	}

	private void onJoined(Session from, InboundFrame frame) {
		int slot = slotOfJoinId(frame.id());
		if (slot < 0 || from.joined[slot]) {
			return;
		}
		from.joined[slot] = true;
		from.joinedCount++;
		if (this.ready.isDone()) {
			this.stats.recovery(frame.recovery());
			if (needsReload(frame.recovery())) {
				this.reloads.reload(slot, this.rooms[slot], this.settings.nodes().get(this.node),
						from.lastSeenSent[slot]);
			}
		}
		if (from.joinedCount < this.rooms.length) {
			return;
		}
		this.connectAttempts = 0;
		if (!this.ready.isDone()) {
			this.ready.complete(null);
			return;
		}
		emit(from, this.sender.rejoined());
	}

	/**
	 * docs/protocol.md, Recovery: after {@code TOO_OLD} or {@code UNAVAILABLE} the client
	 * reloads history; after a rejoin that had no position to recover from ({@code NONE})
	 * it does the same, or whatever the room got while it was away would be missed.
	 */
	private static boolean needsReload(String recovery) {
		return !"RECOVERED".equals(recovery);
	}

	private void onAck(InboundFrame frame, long receivedNanos) {
		emit(this.session, this.sender.acked(frame.clientMessageId(), frame.position(), receivedNanos));
		if (this.settings.social()) {
			social(frame.roomId(), frame.position());
		}
	}

	/**
	 * {@code --social}: after each acked send, the user "types" in that room and marks it
	 * read up to the newest position it has seen there (the server drops typing repeats
	 * faster than its rate).
	 */
	private void social(long roomId, long ackedPosition) {
		int slot = slotOf(this.settings.roomIndexOf(roomId));
		if (slot < 0) {
			return;
		}
		long position = Math.max(ackedPosition, this.lastPosition[slot]);
		emit(this.session, ClientFrames.typing(roomId));
		this.stats.typingSent.increment();
		emit(this.session, ClientFrames.read(READ_ID_PREFIX + slot, roomId, position));
		this.stats.readsSent.increment();
	}

	private void onNack(InboundFrame frame) {
		this.stats.nacks.increment();
		if (this.sender.answersInFlight(frame.clientMessageId())) {
			retryLater();
		}
	}

	private void onError(Session from, InboundFrame frame) {
		String id = frame.id();
		if (id != null && id.startsWith(READ_ID_PREFIX)) {
			this.stats.socialErrors.increment();
			return;
		}
		if (id != null && id.startsWith("j")) {
			this.stats.joinErrors.increment();
			int slot = slotOfJoinId(id);
			if (slot < 0) {
				return;
			}
			if (++from.joinAttempts[slot] >= MAX_JOIN_ATTEMPTS) {
				// A socket that cannot join its rooms is useless: start over on another
				// node.
				drop(from);
				return;
			}
			schedule(Backoff.after(from.joinAttempts[slot]), () -> {
				synchronized (this) {
					if (from == this.session) {
						sendJoin(from, slot);
					}
				}
			});
		}
		else if (this.sender.answersInFlightFrame(id)) {
			this.stats.sendErrors.increment();
			retryLater();
		}
	}

	private void retryLater() {
		SentMessage message = this.sender.inFlight();
		Duration wait = this.sender.failed();
		if (wait == null) {
			return;
		}
		schedule(wait, () -> {
			synchronized (this) {
				if (isReady()) {
					emit(this.session, this.sender.resend(message));
				}
			}
		});
	}

	private void ended(Session which) {
		Duration delay;
		synchronized (this) {
			if (which.ended) {
				return;
			}
			which.ended = true;
			if (which.welcomed) {
				this.stats.open.decrementAndGet();
			}
			if (which != this.session) {
				return;
			}
			this.session = null;
			if (this.stopping) {
				this.closed.complete(null);
				return;
			}
			if (which.welcomed) {
				this.stats.disconnects.increment();
				this.stats.closed((which.closeCode > 0) ? which.closeCode : 1006);
			}
			else {
				this.stats.connectFailures.increment();
			}
			if (++this.connectAttempts > MAX_CONNECT_ATTEMPTS) {
				this.stats.abandoned.increment();
				this.ready.completeExceptionally(new IllegalStateException("User " + this.user.index()
						+ " could not connect after " + MAX_CONNECT_ATTEMPTS + " attempts"));
				this.closed.complete(null);
				return;
			}
			this.node = (this.node + 1) % this.settings.nodes().size();
			this.stats.reconnects.increment();
			this.everReconnected = true;
			// 1001 and 4000 ask for an immediate reconnect; repeated failures back off.
			delay = (this.connectAttempts <= 1) ? Duration.ZERO : Backoff.after(this.connectAttempts + 1);
		}
		schedule(delay, () -> {
			synchronized (this) {
				if (!this.stopping && this.session == null) {
					connect();
				}
			}
		});
	}

	/** Drops a socket that is no use and reconnects as if the server had closed it. */
	private void drop(Session which) {
		Disposable subscription = which.subscription;
		if (subscription != null) {
			// Disposing cancels: no completion signal follows, so end it here.
			subscription.dispose();
		}
		this.resources.timer().execute(() -> ended(which));
	}

	private void emit(Session to, String frame) {
		if (to == null || frame == null) {
			return;
		}
		if (to.outbound.tryEmitNext(frame).isFailure()) {
			// Full (cannot happen with one send in flight) or already closed: the
			// reconnect sends again what matters.
			this.stats.queueFull.increment();
		}
	}

	private void schedule(Duration delay, Runnable task) {
		try {
			this.resources.timer().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			// The timer is shut down: the run is over.
		}
	}

	private boolean isReady() {
		return this.session != null && this.session.joinedCount == this.rooms.length;
	}

	private int slotOf(int room) {
		for (int slot = 0; slot < this.rooms.length; slot++) {
			if (this.rooms[slot] == room) {
				return slot;
			}
		}
		return -1;
	}

	private int slotOfJoinId(String id) {
		try {
			int slot = Integer.parseInt(id, 1, id.length(), 10);
			return (slot >= 0 && slot < this.rooms.length) ? slot : -1;
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private int roomsQueueCapacity() {
		// The joins, one send and a retry of it, and room for a join retry.
		return this.rooms.length * 2 + 8;
	}

}
