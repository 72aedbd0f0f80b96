package io.chatscalable.chat.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The heartbeat's decisions, on a clock the test moves: ping, idle close, termination
 * after the grace.
 */
class SessionHeartbeatTest {

	private static final long SECOND = 1_000_000_000L;

	private final SessionRegistry registry = new SessionRegistry(new SimpleMeterRegistry());

	private final SessionHeartbeat heartbeat = new SessionHeartbeat(this.registry,
			properties(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5)),
			new SimpleMeterRegistry());

	@Test
	void pingsEveryIntervalAndClosesASocketThatSentNothingForTheIdleTimeout() {
		WebSocketSession socket = socket();
		ChatSession session = session(socket);
		long start = session.lastPing();

		this.heartbeat.check(start + 19 * SECOND);
		assertThat(session.lastPing()).isEqualTo(start);
		this.heartbeat.check(start + 20 * SECOND);
		assertThat(session.lastPing()).isEqualTo(start + 20 * SECOND);

		// A pong (any inbound frame) keeps it open past the idle timeout.
		session.inboundArrived(start + 30 * SECOND);
		this.heartbeat.check(start + 61 * SECOND);
		verify(socket, never()).close(any());

		this.heartbeat.check(start + 90 * SECOND);
		verify(socket).close(CloseCodes.IDLE_TIMEOUT);
		assertThat(session.isClosing()).isTrue();
		assertThat(this.registry.all()).containsExactly(session);
	}

	@Test
	void terminatesASocketStillOpenAfterTheGraceAndForgetsIt() {
		WebSocketSession socket = socket();
		ChatSession session = session(socket);
		long closedAt = session.lastInbound() + SECOND;
		session.closeWith(CloseCodes.SLOW_CONSUMER, closedAt);
		session.messages().subscribe();

		this.heartbeat.check(closedAt + 4 * SECOND);
		assertThat(this.registry.all()).containsExactly(session);

		this.heartbeat.check(closedAt + 5 * SECOND);
		assertThat(this.registry.all()).isEmpty();
		assertThat(session.offer(new OutboundFrame(new byte[1]))).isFalse();
		// Closed once: the heartbeat does not close it again.
		verify(socket, times(1)).close(any());
	}

	@Test
	void aSocketRemovedWhileItsCloseIsPendingIsStillTerminatedAfterTheGrace() {
		WebSocketSession socket = socket();
		ChatSession session = session(socket);
		long closedAt = session.lastInbound() + SECOND;
		List<Boolean> completed = new ArrayList<>();
		session.messages().subscribe(null, null, () -> completed.add(true));
		session.closeWith(CloseCodes.SLOW_CONSUMER, closedAt);
		// The handler's streams ended with the close frame, but the TCP connection did
		// not.
		this.registry.remove(session);
		assertThat(this.registry.closing()).containsExactly(session);

		this.heartbeat.check(closedAt + 4 * SECOND);
		assertThat(session.isTerminated()).isFalse();
		this.heartbeat.check(closedAt + 5 * SECOND);

		assertThat(session.isTerminated()).isTrue();
		assertThat(completed).containsExactly(true);
		assertThat(this.registry.closing()).isEmpty();
	}

	@Test
	void tickIsAQuarterOfTheShortestIntervalWithinBounds() {
		assertThat(SessionHeartbeat
			.tick(properties(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5))))
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(
				SessionHeartbeat.tick(properties(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(1))))
			.isEqualTo(Duration.ofMillis(250));
		assertThat(
				SessionHeartbeat.tick(properties(Duration.ofMillis(100), Duration.ofSeconds(3), Duration.ofSeconds(1))))
			.isEqualTo(Duration.ofMillis(50));
	}

	@Test
	void anIdleTimeoutNotLongerThanThePingIntervalIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(5)))
			.withMessageContaining("idle-timeout");
	}

	@Test
	void aQueueThatCannotHoldAWholeRecoveryIsRefusedAtStartUp() {
		SessionProperties defaults = properties(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5));
		OutboundQueueBounds.check(defaults, 1000);

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> OutboundQueueBounds.check(defaults, 2048))
			.withMessageContaining("chat.websocket.outbound-queue (2048 frames)");
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> OutboundQueueBounds.check(defaults, 1100))
			.withMessageContaining("chat.websocket.outbound-queue-bytes");
	}

	private ChatSession session(WebSocketSession socket) {
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(1, "u"), 64, Long.MAX_VALUE,
				new FrameRateLimiter(10, 10, 0), () -> {
				});
		assertThat(this.registry.add(session)).isTrue();
		return session;
	}

	private static WebSocketSession socket() {
		WebSocketSession socket = mock(WebSocketSession.class);
		when(socket.close(any())).thenReturn(Mono.empty());
		when(socket.bufferFactory()).thenReturn(DefaultDataBufferFactory.sharedInstance);
		when(socket.getId()).thenReturn("s");
		return socket;
	}

	/** The defaults, but for the heartbeat's durations. */
	static SessionProperties properties(Duration pingInterval, Duration idleTimeout, Duration closeGrace) {
		return new SessionProperties(16384, 2048, DataSize.ofMegabytes(24), 100, 50, 100, 4000, pingInterval,
				idleTimeout, closeGrace);
	}

}
