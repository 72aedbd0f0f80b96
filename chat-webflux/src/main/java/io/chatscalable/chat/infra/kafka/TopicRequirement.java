package io.chatscalable.chat.infra.kafka;

import java.util.Set;

/**
 * A feature's declaration of the topics it needs; {@link TopicInitializer} creates the
 * missing ones.
 */
@FunctionalInterface
public interface TopicRequirement {

	/** The topic names. */
	Set<String> topics();

}
