package io.chatscalable.chat.presence;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.chatscalable.chat.auth.AuthenticatedUser;
import io.chatscalable.chat.infra.lifecycle.LifecycleSubscription;
import io.chatscalable.chat.node.NodeIdentity;
import io.chatscalable.chat.session.SocketListener;
import io.chatscalable.chat.signal.SignalBus;
import io.chatscalable.chat.signal.Signals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * This node's part of presence. It counts its sockets per user; a user's first local
 * socket adds this instance to the user in Redis, the last one removes it, and when that
 * turns the user online or offline cluster-wide ({@link PresenceStore}'s scripts decide,
 * atomically) it announces it on the signal bus to the user's rooms.
 * <p>
 * Every {@code chat.presence.heartbeat} it renews its entries (one script per local user,
 * 64 at a time) and sweeps instances whose entries expired (a node killed with kill -9,
 * or cut off): each is claimed by one node, whose users are taken off it, and those now
 * offline everywhere are announced. Redis failures are logged and counted, never passed
 * to sockets: presence fails open (chat goes on; frames may be missed and GET
 * /api/rooms/{id}/members is right again once Redis is).
 */
@Component
class PresenceTracker extends LifecycleSubscription implements SocketListener {

	private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

	/**
	 * Redis scripts in flight per heartbeat (Lettuce pipelines them on one connection).
	 */
	private static final int CONCURRENCY = 64;

	private final PresenceStore store;

	private final PresenceRepository repository;

	private final SignalBus signals;

	private final PresenceProperties properties;

	private final String instance;

	/** User id -> this node's open sockets of the user. */
	private final Map<Long, LocalUser> local = new ConcurrentHashMap<>();

	private final Counter failures;

	PresenceTracker(PresenceStore store, PresenceRepository repository, SignalBus signals,
			PresenceProperties properties, NodeIdentity node, MeterRegistry meters) {
		this.store = store;
		this.repository = repository;
		this.signals = signals;
		this.properties = properties;
		this.instance = node.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
		this.failures = Counter.builder("chat.presence.failures").register(meters);
		Gauge.builder("chat.presence.local.users", this.local, Map::size).register(meters);
	}

	@Override
	public void opened(AuthenticatedUser user, String socketId) {
		LocalUser entry = this.local.compute(user.id(), (id, current) -> (current == null)
				? new LocalUser(user.username(), 1) : new LocalUser(current.username(), current.sockets() + 1));
		if (entry.sockets() == 1) {
			guarded(this.store.online(this.instance, user.id(), user.username())
				.flatMap((changed) -> changed ? announce(user.id(), user.username(), true) : Mono.empty()));
		}
	}

	@Override
	public void closed(AuthenticatedUser user, String socketId) {
		boolean[] last = new boolean[1];
		this.local.computeIfPresent(user.id(), (id, current) -> {
			if (current.sockets() > 1) {
				return new LocalUser(current.username(), current.sockets() - 1);
			}
			last[0] = true;
			return null;
		});
		if (last[0]) {
			guarded(this.store.offline(this.instance, user.id())
				.flatMap((changed) -> changed ? announce(user.id(), user.username(), false) : Mono.empty()));
		}
	}

	/** This node's open sockets of the user. */
	int localSockets(long userId) {
		LocalUser user = this.local.get(userId);
		return (user != null) ? user.sockets() : 0;
	}

	/** Renews this instance and its users, then sweeps expired instances. */
	Mono<Void> heartbeat() {
		Mono<Void> renew = this.store.beat(this.instance).flatMap((missing) -> {
			// Swept while we stalled: announce our users again where nobody else has
			// them.
			Flux<Map.Entry<Long, LocalUser>> users = Flux.fromIterable(List.copyOf(this.local.entrySet()));
			return missing
					? users
						.flatMap(
								(user) -> this.store.online(this.instance, user.getKey(), user.getValue().username())
									.flatMap((changed) -> changed
											? announce(user.getKey(), user.getValue().username(), true) : Mono.empty()),
								CONCURRENCY)
						.then()
					: users.flatMap((user) -> this.store.refresh(this.instance, user.getKey()), CONCURRENCY).then();
		});
		return renew.then(sweep());
	}

	private Mono<Void> sweep() {
		return this.store.claimExpired()
			.concatMap((dead) -> this.store.usersOf(dead)
				.flatMapMany((users) -> Flux.fromIterable(users.entrySet()))
				.flatMap((user) -> this.store.expire(dead, user.getKey())
					.flatMap((offline) -> offline ? announce(user.getKey(), user.getValue(), false) : Mono.empty()),
						CONCURRENCY)
				.then(this.store.forget(dead))
				.doOnSuccess((done) -> log.info("Presence entries of {} expired; its users were taken off", dead)))
			.then();
	}

	/** Announces the change to the user's rooms (none if PostgreSQL cannot say which). */
	private Mono<Void> announce(long userId, String username, boolean online) {
		return this.repository.roomsOf(userId).onErrorResume((error) -> {
			this.failures.increment();
			log.debug("Rooms of user {} unknown, presence not announced: {}", userId, error.toString());
			return Mono.just(List.of());
		}).doOnNext((rooms) -> {
			if (!rooms.isEmpty()) {
				this.signals.presence(new Signals.Presence(userId, username, online, rooms));
			}
		}).then();
	}

	private void guarded(Mono<Void> work) {
		work.subscribe(null, (error) -> {
			// Fail open: presence is best effort; chat must not notice Redis trouble.
			this.failures.increment();
			log.debug("Presence update failed: {}", error.toString());
		});
	}

	@Override
	protected Disposable subscribe() {
		Duration every = this.properties.heartbeat();
		return Flux.interval(Duration.ZERO, every)
			.onBackpressureDrop()
			.concatMap((tick) -> heartbeat().onErrorResume((error) -> {
				this.failures.increment();
				log.warn("Presence heartbeat failed: {}", error.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	private record LocalUser(String username, int sockets) {
	}

}
