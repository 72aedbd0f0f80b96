package io.chatscalable.chat.infra.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a start-up call to the Kafka admin API until the cluster's metadata is there:
 * right after a topic was (re)created, or next to a broker that has just started,
 * {@code describeTopics} and {@code createTopics} fail with retriable errors
 * ({@code UnknownTopicOrPartitionException}, {@code LeaderNotAvailableException}, a
 * timeout) for a moment. Blocks the calling thread: start-up only, on the main thread.
 */
final class AdminRetry {

	private static final Logger log = LoggerFactory.getLogger(AdminRetry.class);

	/**
	 * The whole budget of one call, retries included. Bounded so that a node that cannot
	 * reach a healthy cluster fails its start-up (and is restarted) instead of hanging.
	 */
	static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

	private static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofMillis(100);

	/** Backoff doubles up to this, so a slow cluster is polled at most twice a second. */
	private static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMillis(500);

	private final Duration deadline;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	AdminRetry(Duration deadline, Duration firstBackoff, Duration maxBackoff) {
		this.deadline = deadline;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	static AdminRetry defaults() {
		return new AdminRetry(DEFAULT_DEADLINE, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF);
	}

	/**
	 * Runs {@code call} until it succeeds, fails with an error no retry can fix, or the
	 * deadline passes (then its last error is thrown).
	 * @param what what the call does, for the log and the error
	 * @param call given the time left (never negative) to wait on a future
	 */
	<T> T call(String what, Call<T> call) {
		long deadlineNanos = System.nanoTime() + this.deadline.toNanos();
		Duration backoff = this.firstBackoff;
		for (int attempt = 1;; attempt++) {
			Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
			try {
				return call.run(left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while trying to " + what, ex);
			}
			catch (ExecutionException | TimeoutException | RetriableException ex) {
				Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
				boolean retriable = cause instanceof RetriableException || cause instanceof TimeoutException;
				long remaining = deadlineNanos - System.nanoTime();
				if (!retriable || remaining <= backoff.toNanos()) {
					throw new IllegalStateException("Could not " + what + " (attempt " + attempt + ")", cause);
				}
				log.info("Could not {} yet (attempt {}): {}; retrying in {} ms", what, attempt, cause.toString(),
						backoff.toMillis());
				sleep(backoff, what);
				backoff = min(backoff.multipliedBy(2), this.maxBackoff);
			}
		}
	}

	private static void sleep(Duration backoff, String what) {
		try {
			Thread.sleep(backoff.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while trying to " + what, ex);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/** One attempt of an admin call. */
	@FunctionalInterface
	interface Call<T> {

		T run(Duration timeLeft) throws InterruptedException, ExecutionException, TimeoutException;

	}

}
