/**
 * What every node exports for monitoring beyond the meters the features register
 * themselves: the {@code node} tag on every meter, the poll interval of the gauges that
 * ask PostgreSQL or Kafka (outbox backlog, feed and store lag), the saturation gauges of
 * the node's own schedulers and of the HTTP server's event loops.
 * <p>
 * The metric names, what they mean and which dashboard and alert use them are listed in
 * docs/architecture.md ("Metrics") and chat-monitoring/README.md.
 */
package io.chatscalable.chat.monitoring;
