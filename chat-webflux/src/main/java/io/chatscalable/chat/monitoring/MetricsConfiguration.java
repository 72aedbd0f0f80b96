package io.chatscalable.chat.monitoring;

import io.chatscalable.chat.node.NodeIdentity;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code node} tag on every meter, and Reactor Netty's own server metrics.
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

	/**
	 * Reactor Netty's server metrics: connections, bytes, and the event loops' pending
	 * tasks ({@code reactor.netty.eventloop.pending.tasks}, the event-loop saturation on
	 * the JVM dashboard). Every URI is reported as one: per-path meters would grow with
	 * every room id, and Spring's {@code http.server.requests} has the REST paths
	 * already.
	 */
	@Bean
	NettyServerCustomizer nettyMetrics() {
		return (server) -> server.metrics(true, (uri) -> "/");
	}

}
