package io.chatscalable.chat.session;

import java.nio.charset.StandardCharsets;

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
		ChatSession session = new ChatSession(socket, new AuthenticatedUser(1, "u"), 8,
				new FrameRateLimiter(10, 10, 0));
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

}
