package io.chatscalable.chat.session;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One node-wide timer that keeps every socket honest:
 * <ul>
 * <li>pings each socket every {@code chat.websocket.ping-interval} with a PING control
 * frame (clients answer with a pong; browsers and Reactor Netty do it themselves);</li>
 * <li>closes with 4002 a socket whose login token has expired;</li>
 * <li>closes with 4001 a socket from which nothing (no frame, no pong) arrived for
 * {@code chat.websocket.idle-timeout};</li>
 * <li>terminates the TCP connection of a socket the node started closing (4000 slow
 * consumer, 4001 idle) that is still open after {@code chat.websocket.close-grace}: a
 * client that does not read cannot receive the close frame, and its connection and queued
 * frames would linger. The socket leaves the registry at once.</li>
 * </ul>
 * A tick only reads clocks and queues non-blocking writes and closes; it runs on its own
 * single thread, never an event loop.
 */
@Component
class SessionHeartbeat implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SessionHeartbeat.class);

	/**
	 * The timer's period is a quarter of the shortest interval it enforces, within these
	 * bounds: at most 1 s so a grace or a timeout is overrun by at most a second, at
	 * least 50 ms so that a tick over every socket stays rare.
	 */
	private static final Duration MAX_TICK = Duration.ofSeconds(1);

	private static final Duration MIN_TICK = Duration.ofMillis(50);

	private final SessionRegistry registry;

	private final long pingIntervalNanos;

	private final long idleTimeoutNanos;

	private final long closeGraceNanos;

	private final Duration tick;

	private final Counter idleClosed;

	private final Counter terminated;

	private final Counter expiredClosed;

	private Scheduler scheduler;

	private Disposable timer;

	SessionHeartbeat(SessionRegistry registry, SessionProperties properties, MeterRegistry meters) {
		this.registry = registry;
		this.pingIntervalNanos = properties.pingInterval().toNanos();
		this.idleTimeoutNanos = properties.idleTimeout().toNanos();
		this.closeGraceNanos = properties.closeGrace().toNanos();
		this.tick = tick(properties);
		this.idleClosed = Counter.builder("chat.sockets.idle.closed")
			.description("Sockets closed with 4001 after the idle timeout")
			.register(meters);
		this.terminated = Counter.builder("chat.sockets.terminated")
			.description("TCP connections cut because the client did not finish a close within the grace")
			.register(meters);
		this.expiredClosed = Counter.builder("chat.sockets.expired.closed")
			.description("Sockets closed with 4002 because their login token expired")
			.register(meters);
	}

	static Duration tick(SessionProperties properties) {
		Duration shortest = properties.pingInterval();
		if (properties.closeGrace().compareTo(shortest) < 0) {
			shortest = properties.closeGrace();
		}
		Duration quarter = shortest.dividedBy(4);
		if (quarter.compareTo(MAX_TICK) > 0) {
			return MAX_TICK;
		}
		return (quarter.compareTo(MIN_TICK) < 0) ? MIN_TICK : quarter;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Schedulers.newSingle("chat-heartbeat", true);
		this.timer = Flux.interval(this.tick, this.tick, this.scheduler).subscribe((count) -> check(System.nanoTime()));
	}

	@Override
	public synchronized void stop() {
		if (this.timer != null) {
			this.timer.dispose();
			this.scheduler.dispose();
			this.timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.timer != null;
	}

	/** One pass over this node's sockets, and the removed ones still closing. */
	void check(long now) {
		for (ChatSession session : this.registry.all()) {
			try {
				check(session, now);
			}
			catch (RuntimeException ex) {
				// One socket's failure never stops the timer for the others.
				log.warn("Heartbeat failed for session {}: {}", session.id(), ex.toString());
			}
		}
		for (ChatSession session : this.registry.closing()) {
			if (!session.isConnectionOpen()) {
				this.registry.closed(session);
			}
			else if (graceOver(session, now)) {
				terminate(session);
				this.registry.closed(session);
			}
		}
	}

	private void check(ChatSession session, long now) {
		if (session.isClosing()) {
			if (graceOver(session, now)) {
				terminate(session);
				this.registry.remove(session);
			}
			return;
		}
		if (now - session.loginExpiry() >= 0) {
			log.debug("Closing session {}: its login token expired", session.id());
			session.closeWith(CloseCodes.TOKEN_EXPIRED, now);
			this.expiredClosed.increment();
			return;
		}
		if (now - session.lastInbound() >= this.idleTimeoutNanos) {
			log.debug("Closing idle session {}", session.id());
			session.closeWith(CloseCodes.IDLE_TIMEOUT, now);
			this.idleClosed.increment();
			return;
		}
		if (now - session.lastPing() >= this.pingIntervalNanos) {
			session.ping(now);
		}
	}

	private boolean graceOver(ChatSession session, long now) {
		return now - session.closingSince() >= this.closeGraceNanos;
	}

	private void terminate(ChatSession session) {
		log.debug("Terminating session {}: not closed {} ms after the close frame", session.id(),
				this.closeGraceNanos / 1_000_000);
		// Counted before the connection ends, so that whoever sees it end finds it
		// counted.
		this.terminated.increment();
		session.terminate();
	}

}
