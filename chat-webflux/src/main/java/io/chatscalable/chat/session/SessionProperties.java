package io.chatscalable.chat.session;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * WebSocket sessions.
 *
 * @param maxFrameBytes the largest frame accepted; a larger one closes the socket with
 * 1009 (message too big)
 * @param outboundQueue frames waiting to be written to one socket; when full, the socket
 * is closed with 4000 (slow consumer) instead of growing the node's memory
 * @param maxRoomsPerSession rooms one socket may be joined to at once
 * @param framesPerSecond inbound frames one socket may send per second, sustained; beyond
 * it a frame is answered with RATE_LIMITED and dropped
 * @param frameBurst inbound frames one socket may send at once after a quiet spell
 * @param maxMessageLength the longest message content, in characters (code points)
 */
@Validated
@ConfigurationProperties("chat.websocket")
public record SessionProperties(@DefaultValue("16384") @Min(256) @Max(1048576) int maxFrameBytes,
		@DefaultValue("1024") @Min(8) @Max(1_000_000) int outboundQueue,
		@DefaultValue("100") @Min(1) @Max(10_000) int maxRoomsPerSession,
		@DefaultValue("50") @Min(1) @Max(100_000) int framesPerSecond,
		@DefaultValue("100") @Min(1) @Max(100_000) int frameBurst,
		@DefaultValue("4000") @Min(1) @Max(100_000) int maxMessageLength) {
}
