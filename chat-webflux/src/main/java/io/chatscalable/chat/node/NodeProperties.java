package io.chatscalable.chat.node;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Identity of this node.
 *
 * @param id the node's name in logs, metrics and the welcome frame; a random one when
 * unset ({@code CHAT_NODE_ID})
 */
@Validated
@ConfigurationProperties("chat.node")
public record NodeProperties(@Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String id) {
}
