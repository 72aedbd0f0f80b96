package io.chatscalable.bot.run;

import java.time.Duration;

/**
 * One scenario.
 *
 * @param users users, one socket each
 * @param rooms rooms; 0 for as many as it takes to seat every user once
 * @param roomSize members per room
 * @param rate messages per second per user
 * @param messageSize characters of content per message
 * @param rampUp time over which users start sending
 * @param warmUp sending, not measured, after the ramp-up
 * @param duration the measured window
 * @param drain the longest wait for deliveries after the last send
 * @param setupConcurrency REST calls at once during set-up
 * @param connectConcurrency WebSocket handshakes (and first joins) at once
 * @param sendDeadline how long a message may take from when it was due to its ack; a
 * later ack, or none, fails the run
 * @param social whether each acked send is followed by a typing and a read frame
 * ({@code --social})
 */
public record ScenarioSettings(int users, int rooms, int roomSize, double rate, int messageSize, Duration rampUp,
		Duration warmUp, Duration duration, Duration drain, int setupConcurrency, int connectConcurrency,
		Duration sendDeadline, boolean social) {

	public ScenarioSettings {
		if (sendDeadline.isNegative() || sendDeadline.isZero()) {
			throw new IllegalArgumentException("sendDeadline must be positive");
		}
	}

	/** The same scenario with another measured window (chaos runs stretch it). */
	public ScenarioSettings withDuration(Duration measured) {
		return new ScenarioSettings(this.users, this.rooms, this.roomSize, this.rate, this.messageSize, this.rampUp,
				this.warmUp, measured, this.drain, this.setupConcurrency, this.connectConcurrency, this.sendDeadline,
				this.social);
	}

	/** The same scenario with another user count and timing (step mode). */
	public ScenarioSettings forRound(int roundUsers, Duration roundRampUp, Duration roundWarmUp,
			Duration roundDuration) {
		int size = Math.min(this.roomSize, roundUsers);
		int roundRooms = (this.rooms == 1 && this.roomSize == this.users) ? 1 : 0;
		return new ScenarioSettings(roundUsers, roundRooms, (roundRooms == 1) ? roundUsers : size, this.rate,
				this.messageSize, roundRampUp, roundWarmUp, roundDuration, this.drain, this.setupConcurrency,
				this.connectConcurrency, this.sendDeadline, this.social);
	}

	/** How many messages the scenario sends, roughly (sizes the ledger). */
	public int expectedMessages() {
		double seconds = (this.rampUp.toMillis() + this.warmUp.toMillis() + this.duration.toMillis()) / 1000.0;
		return (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(this.users * (this.rate * seconds + 1)));
	}

}
