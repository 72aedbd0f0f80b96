/**
 * The load bot: a headless command-line program that plays many users against chat nodes
 * through the real REST API and WebSocket protocol (docs/protocol.md) and checks
 * completeness, duplicates, order and latency of every delivery.
 * <p>
 * Features: {@code accounting} (what was sent, acked and received, and the verdict),
 * {@code setup} (logins, rooms and memberships over REST), {@code socket} (one WebSocket
 * per user on a shared event loop group, with reconnect and recovery), {@code run} (the
 * phases of a scenario and step mode), {@code report} (summary and JSON report).
 */
package io.chatscalable.bot;
