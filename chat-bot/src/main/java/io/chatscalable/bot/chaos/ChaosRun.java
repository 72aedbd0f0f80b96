package io.chatscalable.bot.chaos;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.chatscalable.bot.run.DuringRun;
import io.chatscalable.bot.socket.BotConnection;
import tools.jackson.databind.JsonNode;

/**
 * A chaos run's part of a scenario: when the measured window opens, it starts (on threads
 * of its own) the fault timeline and, for lock-holder-kill, the side traffic; the
 * scenario keeps sending until both are over and the settle time has passed.
 */
public final class ChaosRun implements DuringRun {

	private final ChaosSettings settings;

	private final FaultClient client;

	private final FaultTimeline timeline;

	private volatile SideTraffic side;

	private volatile List<BotConnection> connections = List.of();

	private volatile int nodes;

	private volatile String error;

	public ChaosRun(ChaosSettings settings) {
		this.settings = settings;
		this.client = new FaultClient(settings.control());
		this.timeline = new FaultTimeline(this.client);
	}

	/**
	 * Checks that the control endpoint answers, and counts the nodes it runs.
	 * @throws IllegalStateException if it does not answer
	 */
	public void checkControl() {
		try {
			JsonNode status = this.client.status();
			this.nodes = status.path("nodes").size();
			if (this.nodes == 0) {
				throw new IllegalStateException("The fault control endpoint reports no nodes: " + status);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("The fault control endpoint " + this.settings.control()
					+ " does not answer (is ./run-local running with --control-port?): " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	@Override
	public CompletableFuture<?> measuring(Context context) {
		long origin = System.nanoTime();
		this.connections = context.connections();
		if (this.settings.scenario().sideTraffic()) {
			this.side = new SideTraffic(context.runId(), context.nodes(), context.users().size());
			context.stats().trackRoomCreations(this.side.creations());
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			Thread sideThread = null;
			try {
				if (this.side != null) {
					sideThread = new Thread(this::runSide, "chaos-side-traffic");
					sideThread.setDaemon(true);
					sideThread.start();
				}
				int nodeCount = Math.max(1, this.nodes);
				this.timeline.run(origin, this.settings.faultAfter(),
						this.settings.scenario().plan(nodeCount, this.settings.faultFor()));
				Thread.sleep(this.settings.settle().toMillis());
				if (this.side != null) {
					this.side.stop();
					sideThread.join();
					this.side.awaitFrames(this.connections);
				}
				done.complete(null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.error = "interrupted";
				done.complete(null);
			}
			catch (RuntimeException ex) {
				this.error = ex.toString();
				done.complete(null);
			}
		}, "chaos-timeline");
		thread.setDaemon(true);
		thread.start();
		return done;
	}

	private void runSide() {
		try {
			this.side.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What happened, once the scenario is over. */
	public ChaosResult result() {
		List<FaultEvent> events = this.timeline.events();
		SideTraffic.Result sideResult = (this.side != null) ? this.side.result(this.connections) : null;
		boolean faultsApplied = this.error == null && !events.isEmpty() && events.stream().allMatch(FaultEvent::ok);
		return new ChaosResult(this.settings.scenario().label(), this.settings.faultAfter().toMillis(),
				this.settings.faultFor().toMillis(), this.settings.settle().toMillis(), events, faultsApplied,
				sideResult, this.error);
	}

}
