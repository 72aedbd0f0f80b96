/**
 * The identity of a chat node. Nodes are stateless and interchangeable; the id only names
 * one in logs, metrics and frames.
 */
package io.chatscalable.chat.node;
