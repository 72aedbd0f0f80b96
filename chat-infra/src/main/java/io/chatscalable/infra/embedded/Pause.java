package io.chatscalable.infra.embedded;

import java.util.concurrent.locks.LockSupport;

/** The short wait between readiness probes of a server that is starting. */
final class Pause {

	private static final long PROBE_INTERVAL_NANOS = 50_000_000L;

	private Pause() {
	}

	static void briefly() {
		LockSupport.parkNanos(PROBE_INTERVAL_NANOS);
		if (Thread.interrupted()) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a server to start");
		}
	}

}
