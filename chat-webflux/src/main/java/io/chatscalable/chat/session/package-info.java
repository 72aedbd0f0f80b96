/**
 * WebSocket sessions: the {@code /ws} endpoint, the JSON frames of the protocol
 * (docs/protocol.md) and their validation.
 */
package io.chatscalable.chat.session;
