package io.chatscalable.bot.chaos;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.chatscalable.bot.setup.ChatApi;
import io.chatscalable.bot.setup.LoggedInUser;
import io.chatscalable.bot.socket.BotConnection;
import io.chatscalable.bot.socket.RoomCreations;

/**
 * Signups and room creations that go on while a fault is injected (lock-holder-kill): one
 * new user and one room by that user per interval, round-robin over the nodes. Each
 * created room must reach every bot socket that stayed connected the whole time exactly
 * once, as a {@code room-created} frame (the frame is fanned out from the outbox relay's
 * event, so a lost or repeated relay shows here).
 */
public final class SideTraffic {

	/** One signup and one room creation per interval. */
	static final Duration INTERVAL = Duration.ofSeconds(1);

	/**
	 * How long, after the traffic stops, the {@code room-created} frames may take to
	 * arrive: the outbox lock of a killed holder expires after the watchdog timeout (30 s
	 * by default) before another node relays.
	 */
	static final Duration SETTLE = Duration.ofSeconds(60);

	private final ChatApi api = new ChatApi();

	private final String prefix;

	private final List<URI> nodes;

	private final RoomCreations creations;

	private final List<String> created = new CopyOnWriteArrayList<>();

	private final LongAdder signups = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final List<String> failureExamples = new CopyOnWriteArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	SideTraffic(String runId, List<URI> nodes, int users) {
		this.prefix = "c" + runId + "-";
		this.nodes = nodes;
		this.creations = new RoomCreations(this.prefix, users);
	}

	RoomCreations creations() {
		return this.creations;
	}

	/** Signs up and creates rooms until {@link #stop()}; runs on the calling thread. */
	void run() throws InterruptedException {
		for (int k = 0; this.running.get(); k++) {
			long next = System.nanoTime() + INTERVAL.toNanos();
			URI node = this.nodes.get(k % this.nodes.size());
			try {
				LoggedInUser user = this.api.login(node, k, this.prefix + "u" + k);
				this.signups.increment();
				String room = this.prefix + "r" + k;
				this.api.createRoom(node, user.token(), room);
				this.created.add(room);
			}
			catch (RuntimeException ex) {
				this.failures.increment();
				if (this.failureExamples.size() < 10) {
					this.failureExamples.add(ex.getMessage());
				}
			}
			long wait = next - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
		}
	}

	void stop() {
		this.running.set(false);
	}

	/**
	 * Waits until every checked socket has every created room, or {@link #SETTLE} has
	 * passed.
	 */
	void awaitFrames(List<BotConnection> connections) throws InterruptedException {
		long deadline = System.nanoTime() + SETTLE.toNanos();
		while (System.nanoTime() - deadline < 0 && result(connections).missing() > 0) {
			Thread.sleep(250);
		}
	}

	/** What the side traffic saw. */
	Result result(List<BotConnection> connections) {
		List<Integer> checked = new ArrayList<>();
		for (BotConnection connection : connections) {
			if (!connection.reconnected()) {
				checked.add(connection.userIndex());
			}
		}
		long missing = 0;
		long duplicates = 0;
		List<String> examples = new ArrayList<>(this.failureExamples);
		for (String room : this.created) {
			for (int user : checked) {
				int count = this.creations.count(room, user);
				if (count == 0) {
					missing++;
				}
				else if (count > 1) {
					duplicates += count - 1;
					if (examples.size() < 20) {
						examples.add("user " + user + " got room-created for " + room + " " + count + " times");
					}
				}
			}
		}
		long unexpected = this.creations.names().stream().filter((name) -> !this.created.contains(name)).count();
		return new Result(this.signups.sum(), this.created.size(), this.failures.sum(), checked.size(), missing,
				duplicates, unexpected, List.copyOf(examples));
	}

	/**
	 * Signups and room creations during the fault.
	 *
	 * @param signups signups that succeeded
	 * @param roomsCreated rooms created (201)
	 * @param failures signups or creations that failed after the API client's retries
	 * @param checkedSockets sockets that stayed connected throughout, whose
	 * {@code room-created} frames are checked
	 * @param missing (room, checked socket) pairs with no {@code room-created} frame
	 * @param duplicates {@code room-created} frames beyond the first, over checked
	 * sockets
	 * @param unexpected rooms announced that no successful creation returned (a failed
	 * request that did create the room)
	 * @param examples a few concrete problems
	 */
	public record Result(long signups, long roomsCreated, long failures, long checkedSockets, long missing,
			long duplicates, long unexpected, List<String> examples) {

		public boolean passed() {
			return this.missing == 0 && this.duplicates == 0;
		}

	}

}
