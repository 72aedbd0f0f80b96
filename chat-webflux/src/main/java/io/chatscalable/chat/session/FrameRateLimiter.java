package io.chatscalable.chat.session;

/**
 * A token bucket for one socket's inbound frames: {@code perSecond} sustained,
 * {@code burst} at once. Used from the socket's own inbound stream only, which handles
 * one frame at a time, so it needs no locking.
 */
final class FrameRateLimiter {

	private final double perNano;

	private final double burst;

	private double tokens;

	private long last;

	FrameRateLimiter(int perSecond, int burst, long nowNanos) {
		this.perNano = perSecond / 1_000_000_000.0;
		this.burst = burst;
		this.tokens = burst;
		this.last = nowNanos;
	}

	/**
	 * Whether a frame arriving at {@code nowNanos} may be handled; takes a token if so.
	 */
	boolean tryAcquire(long nowNanos) {
		this.tokens = Math.min(this.burst, this.tokens + (nowNanos - this.last) * this.perNano);
		this.last = nowNanos;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
