package io.chatscalable.chat.node;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** The name of this node, fixed for its lifetime. */
@Component
public class NodeIdentity {

	private final String id;

	public NodeIdentity(NodeProperties properties) {
		this.id = (properties.id() != null) ? properties.id() : "node-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** This node's id. */
	public String id() {
		return this.id;
	}

}
