package io.chatscalable.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * What the embedded Kafka brokers ({@link KafkaServer}, one in process;
 * {@link KafkaCluster}, three in their own JVMs) share: a combined broker and controller
 * on 127.0.0.1, its configuration and the formatting of its storage.
 *
 * @param nodeId the KRaft node id
 * @param listener the client (PLAINTEXT) address, host:port
 * @param controller the controller address, host:port
 * @param voters the static quorum, {@code id@host:port,...}
 * @param logs the log (and metadata) folder
 */
record KraftBroker(int nodeId, String listener, String controller, String voters, Path logs) {

	/**
	 * The broker's configuration. Internal topics get {@code replicas} replicas and need
	 * all of them in sync with one replica, two of three otherwise; {@code extra} is
	 * added last.
	 */
	Properties properties(int replicas, Map<String, String> extra) {
		String minInSync = (replicas == 1) ? "1" : "2";
		Map<String, String> entries = new HashMap<>(Map.ofEntries(Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", Integer.toString(this.nodeId)), Map.entry("controller.quorum.voters", this.voters),
				Map.entry("listeners", "PLAINTEXT://" + this.listener + ",CONTROLLER://" + this.controller),
				Map.entry("advertised.listeners", "PLAINTEXT://" + this.listener),
				Map.entry("controller.listener.names", "CONTROLLER"),
				Map.entry("inter.broker.listener.name", "PLAINTEXT"),
				Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
				Map.entry("log.dirs", this.logs.toString()),
				// Internal topics with as many replicas as there are brokers: with fewer
				// brokers than replicas, group and transaction operations hang.
				Map.entry("offsets.topic.replication.factor", Integer.toString(replicas)),
				Map.entry("offsets.topic.num.partitions", "10"),
				Map.entry("transaction.state.log.replication.factor", Integer.toString(replicas)),
				Map.entry("transaction.state.log.min.isr", minInSync),
				Map.entry("transaction.state.log.num.partitions", "4"),
				Map.entry("share.coordinator.state.topic.replication.factor", Integer.toString(replicas)),
				Map.entry("share.coordinator.state.topic.min.isr", minInSync),
				// Groups form at once instead of waiting for more members that a test
				// will not bring.
				Map.entry("group.initial.rebalance.delay.ms", "0"),
				// Topics are created by the application with explicit partitions; a typo
				// must fail.
				Map.entry("auto.create.topics.enable", "false"), Map.entry("num.partitions", "6")));
		entries.putAll(extra);
		Properties properties = new Properties();
		properties.putAll(entries);
		return properties;
	}

	/** Formats the storage folder for the cluster (creating it). */
	void format(String clusterId) {
		try {
			Files.createDirectories(this.logs);
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(this.nodeId)
				.setClusterId(clusterId)
				.setDirectories(List.of(this.logs.toString()))
				.setMetadataLogDirectory(this.logs.toString())
				.setControllerListenerName("CONTROLLER")
				.setSupportedFeatures(Feature.PRODUCTION_FEATURES)
				.setReleaseVersion(MetadataVersion.latestProduction())
				.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + this.logs, ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format Kafka storage in " + this.logs, ex);
		}
	}

}
