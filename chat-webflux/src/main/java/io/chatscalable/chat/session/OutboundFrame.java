package io.chatscalable.chat.session;

/**
 * A server frame serialized once: its UTF-8 JSON. A broadcast builds one and hands the
 * same bytes to every local recipient, so a room of 1,000 sockets costs one serialization
 * per node, not 1,000.
 *
 * @param utf8 the JSON text, UTF-8 encoded; never modified after construction
 */
record OutboundFrame(byte[] utf8) {
}
