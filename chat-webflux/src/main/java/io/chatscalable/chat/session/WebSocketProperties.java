package io.chatscalable.chat.session;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The WebSocket endpoint {@code /ws}.
 *
 * @param maxFrameBytes the largest frame accepted; a larger one closes the socket with
 * 1009 (message too big)
 */
@Validated
@ConfigurationProperties("chat.websocket")
public record WebSocketProperties(@DefaultValue("16384") @Min(256) @Max(1048576) int maxFrameBytes) {
}
