package io.chatscalable.chat.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A room member that behaves as docs/protocol.md tells a client to: on a lost connection
 * it connects to the next node, re-joins with the last position it saw, and re-sends
 * every send that was not acked, with the same clientMessageId. It never de-duplicates:
 * what it receives twice shows in {@link #received()}.
 */
public final class ReconnectingMember implements AutoCloseable {

	private final String name;

	private final String token;

	private final long roomId;

	private final List<Integer> ports;

	private final AtomicInteger sequence = new AtomicInteger();

	/** Guarded by this. */
	private final Map<String, Send> pending = new LinkedHashMap<>();

	/** Guarded by this. */
	private final Map<String, Send> acked = new LinkedHashMap<>();

	/** Guarded by this. */
	private final List<Received> received = new ArrayList<>();

	/** Guarded by this. */
	private final List<String> recoveries = new ArrayList<>();

	/** Guarded by this. */
	private SocketClient socket;

	/** Guarded by this. */
	private Disposable subscription;

	/** Guarded by this. */
	private int node;

	/** Guarded by this. */
	private long lastSeen = -1;

	/** Guarded by this. */
	private boolean closed;

	public ReconnectingMember(String name, String token, long roomId, List<Integer> ports, int firstNode) {
		this.name = name;
		this.token = token;
		this.roomId = roomId;
		this.ports = List.copyOf(ports);
		this.node = firstNode;
	}

	/** Connects and joins; returns once joined. */
	public ReconnectingMember start() {
		connect();
		SocketClient first;
		synchronized (this) {
			first = this.socket;
		}
		if (first.await("joined") == null) {
			throw new AssertionError(this.name + " could not join room " + this.roomId);
		}
		return this;
	}

	/** Sends a new message; it is re-sent until acked. */
	public synchronized void send() {
		String clientMessageId = this.name + "-" + this.sequence.incrementAndGet();
		Send send = new Send(clientMessageId, clientMessageId, System.nanoTime());
		this.pending.put(clientMessageId, send);
		transmit(send);
	}

	public synchronized int node() {
		return this.node;
	}

	/** Every message frame received, in order, duplicates included. */
	public synchronized List<Received> received() {
		return List.copyOf(this.received);
	}

	/** clientMessageId -> its send, for acked sends. */
	public synchronized Map<String, Send> acked() {
		return Map.copyOf(this.acked);
	}

	public synchronized int pendingCount() {
		return this.pending.size();
	}

	/** The recovery result of every re-join. */
	public synchronized List<String> recoveries() {
		return List.copyOf(this.recoveries);
	}

	private synchronized void connect() {
		if (this.closed) {
			return;
		}
		SocketClient client = SocketClient.connect(this.ports.get(this.node), this.token);
		this.socket = client;
		String join = "{\"type\":\"join\",\"id\":\"join\",\"roomId\":" + this.roomId
				+ ((this.lastSeen >= 0) ? ",\"lastSeenPosition\":" + this.lastSeen : "") + "}";
		client.send(join);
		this.subscription = client.received()
			.doOnNext((frame) -> onFrame(client, frame))
			.then(Mono.delay(Duration.ofMillis(100)))
			.subscribe((ignored) -> reconnect(client), (error) -> reconnect(client));
	}

	private synchronized void onFrame(SocketClient client, JsonNode frame) {
		if (client != this.socket) {
			return;
		}
		switch (frame.path("type").asString()) {
			case "joined" -> {
				if (frame.has("recovery") && this.lastSeen >= 0) {
					this.recoveries.add(frame.get("recovery").get("result").asString());
				}
				// Whatever the earlier socket did not get answered goes again, same ids.
				this.pending.values().forEach(this::transmit);
			}
			case "message" -> {
				long position = frame.get("position").asLong();
				this.received.add(new Received(frame.get("messageId").asString(), position,
						// This member sends its clientMessageId as the content.
						frame.get("content").asString(), System.nanoTime()));
				this.lastSeen = Math.max(this.lastSeen, position);
			}
			case "ack" -> {
				Send send = this.pending.remove(frame.get("clientMessageId").asString());
				if (send != null) {
					this.acked.put(send.clientMessageId(),
							send.acked(frame.get("position").asLong(), frame.get("duplicate").asBoolean()));
				}
			}
			case "nack" -> {
				Send send = this.pending.get(frame.get("clientMessageId").asString());
				if (send != null) {
					transmit(send);
				}
			}
			default -> {
				// Other frames (room-created, errors) do not change what this member
				// waits for.
			}
		}
	}

	/** The socket ended: fail over to the next node (one attempt per 100 ms). */
	private synchronized void reconnect(SocketClient ended) {
		if (this.closed || ended != this.socket) {
			return;
		}
		this.node = (this.node + 1) % this.ports.size();
		try {
			connect();
		}
		catch (RuntimeException ex) {
			Mono.delay(Duration.ofMillis(100)).subscribe((ignored) -> reconnect(ended));
		}
	}

	private void transmit(Send send) {
		send.resentAt(System.nanoTime());
		this.socket
			.send(SocketClient.sendFrame(send.clientMessageId(), this.roomId, send.clientMessageId(), send.content()));
	}

	@Override
	public synchronized String toString() {
		return this.name + "{node " + this.node + ", pending " + this.pending.keySet() + ", acked " + this.acked.size()
				+ ", received " + this.received.size() + ", last seen " + this.lastSeen + ", recoveries "
				+ this.recoveries + ", socket closed " + ((this.socket != null) ? this.socket.closeStatus() : null)
				+ "}";
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.subscription != null) {
			this.subscription.dispose();
		}
		if (this.socket != null) {
			this.socket.close();
		}
	}

	/** A message frame as received. */
	public record Received(String messageId, long position, String clientMessageId, long receivedAt) {
	}

	/** One message this member sent. */
	public static final class Send {

		private final String clientMessageId;

		private final String content;

		private final long firstSentAt;

		private volatile long lastSentAt;

		private volatile long ackedAt;

		private volatile long position = -1;

		private volatile boolean duplicate;

		Send(String clientMessageId, String content, long firstSentAt) {
			this.clientMessageId = clientMessageId;
			this.content = content;
			this.firstSentAt = firstSentAt;
			this.lastSentAt = firstSentAt;
		}

		public String clientMessageId() {
			return this.clientMessageId;
		}

		String content() {
			return this.content;
		}

		void resentAt(long nanoTime) {
			this.lastSentAt = nanoTime;
		}

		Send acked(long position, boolean duplicate) {
			this.position = position;
			this.duplicate = duplicate;
			this.ackedAt = System.nanoTime();
			return this;
		}

		public long position() {
			return this.position;
		}

		public boolean duplicate() {
			return this.duplicate;
		}

		/** From the last transmission to the ack. */
		public Duration lastAttemptToAck() {
			return Duration.ofNanos(this.ackedAt - this.lastSentAt);
		}

		/** From the first transmission to the ack. */
		public Duration firstAttemptToAck() {
			return Duration.ofNanos(this.ackedAt - this.firstSentAt);
		}

	}

}
