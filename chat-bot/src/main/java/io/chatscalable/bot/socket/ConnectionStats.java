package io.chatscalable.bot.socket;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the sockets of one scenario, for the progress line and the report.
 */
public final class ConnectionStats {

	/** Close codes are counted individually up to this many distinct ones, then as -1. */
	private static final int MAX_DISTINCT_CODES = 32;

	final AtomicInteger open = new AtomicInteger();

	final LongAdder connects = new LongAdder();

	final LongAdder connectFailures = new LongAdder();

	final LongAdder disconnects = new LongAdder();

	final LongAdder reconnects = new LongAdder();

	final LongAdder abandoned = new LongAdder();

	final LongAdder nacks = new LongAdder();

	final LongAdder sendErrors = new LongAdder();

	final LongAdder joinErrors = new LongAdder();

	final LongAdder retries = new LongAdder();

	final LongAdder skippedTicks = new LongAdder();

	final LongAdder deadlineGiveUps = new LongAdder();

	final LongAdder historyReloads = new LongAdder();

	final LongAdder historyReloadFailures = new LongAdder();

	final LongAdder historyMerged = new LongAdder();

	final LongAdder historyAlreadySeen = new LongAdder();

	final LongAdder historyOverlaps = new LongAdder();

	final LongAdder queueFull = new LongAdder();

	final LongAdder undecodable = new LongAdder();

	final LongAdder readsSent = new LongAdder();

	final LongAdder typingSent = new LongAdder();

	final LongAdder markedRead = new LongAdder();

	final LongAdder readReceipts = new LongAdder();

	final LongAdder readStates = new LongAdder();

	final LongAdder typingReceived = new LongAdder();

	final LongAdder presence = new LongAdder();

	final LongAdder socialErrors = new LongAdder();

	private final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();

	private volatile RoomCreations roomCreations;

	private final Map<String, LongAdder> recoveries = new ConcurrentHashMap<>();

	/** Tracks {@code room-created} frames from now on (chaos runs). */
	public void trackRoomCreations(RoomCreations creations) {
		this.roomCreations = creations;
	}

	void roomCreated(String roomName, int user) {
		RoomCreations creations = this.roomCreations;
		if (creations != null) {
			creations.received(roomName, user);
		}
	}

	void closed(int code) {
		int key = (this.closeCodes.size() < MAX_DISTINCT_CODES || this.closeCodes.containsKey(code)) ? code : -1;
		this.closeCodes.computeIfAbsent(key, (k) -> new LongAdder()).increment();
	}

	void recovery(String result) {
		// Only the protocol's four results, so that a misbehaving server cannot grow the
		// map.
		String key = switch (String.valueOf(result)) {
			case "NONE", "RECOVERED", "TOO_OLD", "UNAVAILABLE" -> result;
			default -> "ABSENT";
		};
		this.recoveries.computeIfAbsent(key, (k) -> new LongAdder()).increment();
	}

	/** A copy for reports. */
	public Snapshot snapshot() {
		Map<Integer, Long> codes = new TreeMap<>();
		this.closeCodes.forEach((code, count) -> codes.put(code, count.sum()));
		Map<String, Long> recovered = new TreeMap<>();
		this.recoveries.forEach((result, count) -> recovered.put(result, count.sum()));
		return new Snapshot(this.open.get(), this.connects.sum(), this.connectFailures.sum(), this.disconnects.sum(),
				this.reconnects.sum(), this.abandoned.sum(), this.nacks.sum(), this.sendErrors.sum(),
				this.joinErrors.sum(), this.retries.sum(), this.skippedTicks.sum(), this.queueFull.sum(),
				this.undecodable.sum(), this.deadlineGiveUps.sum(),
				new History(this.historyReloads.sum(), this.historyReloadFailures.sum(), this.historyMerged.sum(),
						this.historyAlreadySeen.sum(), this.historyOverlaps.sum()),
				new Social(this.readsSent.sum(), this.typingSent.sum(), this.markedRead.sum(), this.readReceipts.sum(),
						this.readStates.sum(), this.typingReceived.sum(), this.presence.sum(), this.socialErrors.sum()),
				codes, recovered);
	}

	/**
	 * Socket events.
	 *
	 * @param open sockets open now (welcomed, not closed)
	 * @param connects welcomes received (first connections and reconnections)
	 * @param connectFailures connection attempts that ended before a welcome
	 * @param disconnects open sockets that the server or the network closed
	 * @param reconnects reconnection attempts
	 * @param abandoned users whose socket gave up reconnecting
	 * @param nacks nacks received
	 * @param sendErrors error frames answering a send
	 * @param joinErrors error frames answering a join
	 * @param retries sends sent again (after a nack, an error or a reconnect)
	 * @param skippedTicks sends skipped because the user's backlog was full (overload)
	 * @param queueFull frames that did not fit a socket's outbound queue
	 * @param undecodable frames that were not JSON
	 * @param deadlineGiveUps sends given up because they were past their deadline
	 * @param history history reloads after rejoins without a full replay
	 * @param social read, typing and presence frames ({@code --social}); never part of
	 * the message accounting
	 * @param closeCodes close codes of sockets the bot did not close, by count (1006 when
	 * no close frame came)
	 * @param recoveries {@code joined} recovery results after reconnects, by count
	 */
	public record Snapshot(int open, long connects, long connectFailures, long disconnects, long reconnects,
			long abandoned, long nacks, long sendErrors, long joinErrors, long retries, long skippedTicks,
			long queueFull, long undecodable, long deadlineGiveUps, History history, Social social,
			Map<Integer, Long> closeCodes, Map<String, Long> recoveries) {
	}

	/**
	 * What the history reloads did (docs/protocol.md, Recovery: on {@code TOO_OLD} or
	 * {@code UNAVAILABLE}, or a rejoin with no position to recover from, reload history
	 * and merge by position).
	 *
	 * @param reloads rooms whose history was reloaded
	 * @param failures reloads that failed (REST errors after retries); their messages
	 * stay missing
	 * @param merged messages merged from history (not received before on that room)
	 * @param alreadySeen history messages at a position the socket had already received
	 * live since the rejoin, or at or below the rejoin's last seen position
	 * @param overlaps live frames at a position already merged from history (the merge by
	 * position the protocol prescribes; not counted as deliveries)
	 */
	public record History(long reloads, long failures, long merged, long alreadySeen, long overlaps) {
	}

	/**
	 * The social frames of {@code --social} (docs/protocol.md, read state and typing).
	 *
	 * @param readsSent {@code read} frames sent
	 * @param typingSent {@code typing} frames sent
	 * @param markedRead {@code marked-read} answers received
	 * @param readReceipts {@code read-receipt} frames received
	 * @param readStates {@code read-state} frames received
	 * @param typingReceived {@code typing} frames received
	 * @param presence {@code presence} frames received
	 * @param errors error frames answering a read or typing frame
	 */
	public record Social(long readsSent, long typingSent, long markedRead, long readReceipts, long readStates,
			long typingReceived, long presence, long errors) {
	}

}
