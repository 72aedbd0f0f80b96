package io.chatscalable.infra;

/**
 * A running set of PostgreSQL, Redis and Kafka servers. Closing it stops whatever it
 * started and leaves no process or port behind.
 */
public interface Infrastructure extends AutoCloseable {

	/** Where the servers answer. */
	Endpoints endpoints();

	/** A short description for logs, e.g. "embedded" or "testcontainers". */
	String kind();

	@Override
	void close();

}
