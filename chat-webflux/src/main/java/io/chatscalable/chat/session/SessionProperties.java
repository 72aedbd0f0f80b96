package io.chatscalable.chat.session;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * WebSocket sessions.
 *
 * @param maxFrameBytes the largest frame accepted; a larger one closes the socket with
 * 1009 (message too big)
 * @param outboundQueue frames waiting to be written to one socket; when full, the socket
 * is closed with 4000 (slow consumer) instead of growing the node's memory. Must hold a
 * whole recovery ({@code chat.messages.recovery.max-messages} + the joined frame)
 * @param outboundQueueBytes bytes of those frames (until Netty has taken them for the
 * wire); when exceeded, 4000 as well. The default holds a recovery of 1,000 messages of
 * the longest content at its worst JSON size (6 bytes per code point): 24 MiB
 * @param maxRoomsPerSession rooms one socket may be joined to at once
 * @param framesPerSecond inbound frames one socket may send per second, sustained; beyond
 * it a frame is answered with RATE_LIMITED and dropped
 * @param frameBurst inbound frames one socket may send at once after a quiet spell
 * @param maxMessageLength the longest message content, in characters (code points)
 * @param pingInterval how often the node sends a PING control frame to every socket
 * @param idleTimeout a socket from which nothing (no frame, no pong) arrived for this
 * long is closed with 4001 (idle timeout); longer than the ping interval
 * @param closeGrace how long a socket closed by the node (4000, 4001) may take to finish
 * closing before its TCP connection is cut and its queued frames dropped
 */
@Validated
@ConfigurationProperties("chat.websocket")
public record SessionProperties(@DefaultValue("16384") @Min(256) @Max(1048576) int maxFrameBytes,
		@DefaultValue("2048") @Min(8) @Max(1_000_000) int outboundQueue,
		@DefaultValue("24MB") DataSize outboundQueueBytes,
		@DefaultValue("100") @Min(1) @Max(10_000) int maxRoomsPerSession,
		@DefaultValue("50") @Min(1) @Max(100_000) int framesPerSecond,
		@DefaultValue("100") @Min(1) @Max(100_000) int frameBurst,
		@DefaultValue("4000") @Min(1) @Max(100_000) int maxMessageLength, @DefaultValue("20s") Duration pingInterval,
		@DefaultValue("60s") Duration idleTimeout, @DefaultValue("5s") Duration closeGrace) {

	public SessionProperties {
		if (outboundQueueBytes.toBytes() < 64 * 1024) {
			throw new IllegalArgumentException("chat.websocket.outbound-queue-bytes must be at least 64KB");
		}
		check(pingInterval.isNegative() || pingInterval.isZero(), "ping-interval must be positive");
		check(closeGrace.isNegative() || closeGrace.isZero(), "close-grace must be positive");
		// A client that answers every ping must never look idle.
		check(idleTimeout.compareTo(pingInterval) <= 0, "idle-timeout must be longer than ping-interval");
	}

	private static void check(boolean violated, String problem) {
		if (violated) {
			throw new IllegalArgumentException("chat.websocket." + problem);
		}
	}

}
