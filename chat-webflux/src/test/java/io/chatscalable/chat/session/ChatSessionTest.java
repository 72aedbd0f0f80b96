package io.chatscalable.chat.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.chatscalable.chat.auth.AuthenticatedUser;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The outbound queue's bound: a socket that is not read from is closed as a slow
 * consumer, not buffered for.
 */
class ChatSessionTest {

	@Test
	void aFullOutboundQueueClosesTheSocketWith4000() {
		WebSocketSession socket = mock(WebSocketSession.class);
		when(socket.close(any())).thenReturn(Mono.empty());
		when(socket.bufferFactory()).thenReturn(DefaultDataBufferFactory.sharedInstance);
		AtomicInteger slowConsumerCloses = new AtomicInteger();
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(1, "u"), 8, Long.MAX_VALUE,
				new FrameRateLimiter(10, 10, 0), slowConsumerCloses::incrementAndGet);
		OutboundFrame frame = new OutboundFrame("{}".getBytes(StandardCharsets.UTF_8));
		// The socket's writer subscribes but requests nothing, as Netty does while the
		// channel is not writable.
		session.messages().subscribe(new BaseSubscriber<WebSocketMessage>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
			}
		});

		for (int i = 0; i < 8; i++) {
			assertThat(session.offer(frame)).isTrue();
		}
		verify(socket, never()).close(any());

		// The queue's capacity is rounded up (power of two, array padding), but it is
		// bounded.
		int accepted = 8;
		while (accepted < 64 && session.offer(frame)) {
			accepted++;
		}
		assertThat(accepted).isLessThan(64);
		verify(socket).close(CloseCodes.SLOW_CONSUMER);
		// Counted once (chat.sockets.slow.consumer.closed), however many offers overflow.
		assertThat(session.offer(frame)).isFalse();
		assertThat(slowConsumerCloses).hasValue(1);
	}

	@Test
	void theQueueIsBoundedInBytesTooAndBytesAreReleasedAsFramesAreTaken() {
		WebSocketSession socket = socket();
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(1, "u"), 1024, 1000,
				new FrameRateLimiter(10, 10, 0), () -> {
				});
		List<BaseSubscriber<WebSocketMessage>> writer = new ArrayList<>();
		session.messages().subscribe(new BaseSubscriber<WebSocketMessage>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				writer.add(this);
			}
		});
		OutboundFrame frame = new OutboundFrame(new byte[300]);

		assertThat(session.offer(frame)).isTrue();
		assertThat(session.offer(frame)).isTrue();
		assertThat(session.offer(frame)).isTrue();
		assertThat(session.queuedBytes()).isEqualTo(900);
		// The writer takes two: their bytes are free again.
		writer.get(0).request(2);
		assertThat(session.queuedBytes()).isEqualTo(300);
		assertThat(session.offer(frame)).isTrue();
		assertThat(session.offer(frame)).isTrue();
		verify(socket, never()).close(any());

		// 900 queued + 300 > 1000: a slow consumer, and nothing more is queued.
		assertThat(session.offer(frame)).isFalse();
		verify(socket).close(CloseCodes.SLOW_CONSUMER);
		assertThat(session.isClosing()).isTrue();
		assertThat(session.offer(new OutboundFrame(new byte[1]))).isFalse();
	}

	@Test
	void terminatingDropsTheQueuedFrames() {
		WebSocketSession socket = socket();
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(1, "u"), 64, Long.MAX_VALUE,
				new FrameRateLimiter(10, 10, 0), () -> {
				});
		List<String> written = new ArrayList<>();
		boolean[] completed = new boolean[1];
		session.messages().subscribe(new BaseSubscriber<WebSocketMessage>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
			}

			@Override
			protected void hookOnNext(WebSocketMessage message) {
				written.add(message.getPayloadAsText());
			}

			@Override
			protected void hookOnComplete() {
				completed[0] = true;
			}
		});
		session.offer(frame("a"));
		session.offer(frame("b"));

		session.terminate();

		assertThat(completed[0]).isTrue();
		assertThat(written).isEmpty();
		assertThat(session.offer(frame("c"))).isFalse();
	}

	@Test
	void theRateLimiterAllowsABurstThenTheSustainedRate() {
		FrameRateLimiter limiter = new FrameRateLimiter(10, 3, 0);

		assertThat(limiter.tryAcquire(0)).isTrue();
		assertThat(limiter.tryAcquire(0)).isTrue();
		assertThat(limiter.tryAcquire(0)).isTrue();
		assertThat(limiter.tryAcquire(0)).isFalse();
		assertThat(limiter.tryAcquire(100_000_000)).isTrue();
		assertThat(limiter.tryAcquire(100_000_000)).isFalse();
	}

	@Test
	void aJoinSendsJoinedThenTheRecoveredMessagesThenTheHeldBackOnesAboveTheSeam() {
		WebSocketSession socket = socket();
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(1, "u"), 64, Long.MAX_VALUE,
				new FrameRateLimiter(10, 10, 0), () -> {
				});
		List<String> written = new ArrayList<>();
		session.messages().subscribe((message) -> written.add(message.getPayloadAsText()));

		session.beginJoin(7);
		// Live messages arriving while the missed ones are read: 12 overlaps the
		// recovery, 15 does not.
		session.offerMessage(7, 12, frame("live-12"));
		session.offerMessage(7, 15, frame("live-15"));
		// Another room's messages are not held back.
		session.offerMessage(8, 13, frame("other-13"));
		assertThat(written).containsExactly("other-13");

		session.finishJoin(7, frame("joined"), 5, List.of(new ChatSession.PositionedFrame(9, frame("missed-9")),
				new ChatSession.PositionedFrame(12, frame("missed-12"))));
		session.offerMessage(7, 20, frame("live-20"));

		assertThat(written).containsExactly("other-13", "joined", "missed-9", "missed-12", "live-15", "live-20");
	}

	@Test
	void aSocketThatFallsBehindWhileJoiningIsASlowConsumer() {
		WebSocketSession socket = socket();
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(1, "u"), 8, Long.MAX_VALUE,
				new FrameRateLimiter(10, 10, 0), () -> {
				});
		session.messages().subscribe();
		session.beginJoin(7);

		for (int i = 0; i < 8; i++) {
			assertThat(session.offerMessage(7, i, frame("m" + i))).isTrue();
		}
		assertThat(session.offerMessage(7, 8, frame("m8"))).isFalse();
		assertThat(session.offerMessage(7, 9, frame("m9"))).isFalse();

		// Closed once, however many frames overflow.
		verify(socket, times(1)).close(CloseCodes.SLOW_CONSUMER);
	}

	private static WebSocketSession socket() {
		WebSocketSession socket = mock(WebSocketSession.class);
		when(socket.close(any())).thenReturn(Mono.empty());
		when(socket.bufferFactory()).thenReturn(DefaultDataBufferFactory.sharedInstance);
		return socket;
	}

	private static OutboundFrame frame(String text) {
		return new OutboundFrame(text.getBytes(StandardCharsets.UTF_8));
	}

}
