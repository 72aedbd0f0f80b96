package io.chatscalable.chat.monitoring;

import io.chatscalable.chat.node.NodeIdentity;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code node} tag on every meter.
 * <p>
 * Reactor Netty's own server metrics ({@code HttpServer.metrics(true, ...)}) are left off
 * on purpose: with them on, the integration tests saw REST calls on a keep-alive
 * connection never answered and sockets dropped under a burst of frames (SendSafetyIT),
 * the symptom of the keep-alive issue {@code ChatApplication} works around. The
 * event-loop saturation they would give comes from {@link EventLoopMetrics} instead.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	/** Tag naming the node ({@code chat.node.id}) on every meter. */
	static final String NODE_TAG = "node";

	/**
	 * Every meter carries the node's id, so dashboards show it by name rather than by
	 * address.
	 */
	@Bean
	MeterRegistryCustomizer<MeterRegistry> nodeTag(NodeIdentity node) {
		return (registry) -> registry.config().commonTags(NODE_TAG, node.id());
	}

}
