package io.chatscalable.chat.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chatscalable.chat.ChatApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/** Starts extra chat nodes in the test JVM, sharing its servers, for multi-node tests. */
public final class Nodes {

	private Nodes() {
	}

	/**
	 * A node on a random port named {@code nodeId}, with {@code overrides} on top of the
	 * test properties.
	 */
	public static ConfigurableApplicationContext start(String nodeId, Map<String, Object> overrides) {
		Map<String, Object> properties = new LinkedHashMap<>(InfrastructureInitializer.properties());
		properties.put("server.port", "0");
		properties.put("chat.node.id", nodeId);
		properties.putAll(overrides);
		// As arguments, not builder properties: those are defaults, below
		// application.yml.
		String[] arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(ChatApplication.class, OwnNettyResources.class).run(arguments);
	}

	/** The HTTP port a node listens on. */
	public static int port(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** The node's management port: the actuator (detailed health, Prometheus). */
	public static int managementPort(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.management.port"));
	}

	/**
	 * By default every Spring Boot application in a JVM shares Reactor Netty's global
	 * event loops, and the first one to stop disposes them, taking the other nodes'
	 * servers down. Real nodes are separate JVMs; here each node gets its own.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnNettyResources {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			return factory;
		}

	}

}
