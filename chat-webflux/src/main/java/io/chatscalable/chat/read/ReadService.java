package io.chatscalable.chat.read;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.room.NotAMemberException;
import io.chatscalable.chat.room.RoomNotFoundException;
import io.chatscalable.chat.session.ReadMarker;
import io.chatscalable.chat.signal.SignalBus;
import io.chatscalable.chat.signal.Signals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Marks rooms read: the public face of read state. One Redis script per mark, no
 * PostgreSQL round trip for a socket's mark (its membership was checked when it joined),
 * one membership read for a REST mark; the PostgreSQL write is batched
 * ({@link ReadStateWriter}).
 */
@Service
public class ReadService implements ReadMarker {

	private static final Logger log = LoggerFactory.getLogger(ReadService.class);

	private final ReadPositions positions;

	private final ReadStateWriter writer;

	private final ReadRepository repository;

	private final SignalBus signals;

	private final Counter redisFailures;

	ReadService(ReadPositions positions, ReadStateWriter writer, ReadRepository repository, SignalBus signals,
			MeterRegistry meters) {
		this.positions = positions;
		this.writer = writer;
		this.repository = repository;
		this.signals = signals;
		this.redisFailures = Counter.builder("chat.reads.redis.failures").register(meters);
	}

	/** A socket's mark, for a room the socket joined. */
	@Override
	public Mono<Long> markRead(AuthenticatedUser user, long roomId, long position, String socketId) {
		return mark(user, roomId, position, -1, socketId);
	}

	/**
	 * A REST mark: 404 when the room does not exist, 403 when the caller is not a member;
	 * emits the stored maximum.
	 */
	public Mono<Long> markReadOverRest(AuthenticatedUser user, long roomId, long position) {
		return this.repository.find(roomId, user.id())
			.switchIfEmpty(Mono.error(() -> new RoomNotFoundException(roomId)))
			.flatMap((member) -> (member.lastRead() == null) ? Mono.error(new NotAMemberException(roomId))
					: mark(user, roomId, position, member.lastRead(), null));
	}

	private Mono<Long> mark(AuthenticatedUser user, long roomId, long position, long stored, String socketId) {
		return this.positions.raise(roomId, user.id(), position).onErrorResume((error) -> {
			// Fail open: the mark still reaches PostgreSQL and the other sockets; only
			// the
			// answer may not know a higher position another node took meanwhile.
			this.redisFailures.increment();
			log.debug("Read position not raised in Redis: {}", error.toString());
			return Mono.just(Math.max(position, this.writer.queued(roomId, user.id())));
		}).map((max) -> {
			long last = Math.max(max, stored);
			this.writer.queue(roomId, user.id(), last);
			this.signals.read(new Signals.Read(roomId, user.id(), user.username(), last, socketId));
			return last;
		});
	}

}
