package io.chatscalable.chat.session;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown (SIGTERM), closes every socket with 1001 "going away" before the web server
 * stops, so that clients reconnect to another node at once instead of timing out.
 */
@Component
class SessionShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SessionShutdown.class);

	/** How long shutdown waits for the close frames to be written. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final SessionRegistry registry;

	private volatile boolean running;

	SessionShutdown(SessionRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.registry.close();
		int count = this.registry.all().size();
		Flux.fromIterable(this.registry.all())
			.flatMap((session) -> session.close(CloseCodes.GOING_AWAY))
			.onErrorContinue((error, session) -> log.debug("Close failed: {}", error.toString()))
			.then()
			.block(CLOSE_TIMEOUT);
		log.info("Closed {} sockets with 1001 going away", count);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stopped before the web server's graceful shutdown (which waits for in-flight
		// exchanges).
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

}
