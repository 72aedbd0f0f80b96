package io.chatscalable.bot.socket;

import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

/**
 * One connection attempt of a {@link BotConnection} and, if it opens, its socket: the
 * bounded outbound queue and which rooms it joined. Guarded by the connection's monitor,
 * except the fields Reactor Netty sets (volatile).
 */
final class Session {

	final Sinks.Many<String> outbound;

	final boolean[] joined;

	final int[] joinAttempts;

	/** The {@code lastSeenPosition} each room's join asked for (-1: none). */
	final long[] lastSeenSent;

	volatile Disposable subscription;

	volatile WebsocketOutbound out;

	volatile int closeCode;

	boolean welcomed;

	boolean ended;

	int joinedCount;

	Session(int queueCapacity, int rooms) {
		this.outbound = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(queueCapacity).get());
		this.joined = new boolean[rooms];
		this.joinAttempts = new int[rooms];
		this.lastSeenSent = new long[rooms];
	}

}
