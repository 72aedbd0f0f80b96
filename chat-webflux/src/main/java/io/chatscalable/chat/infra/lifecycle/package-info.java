/**
 * How the node's long-lived background streams (periodic loops, feed relays) start and
 * stop with the application context.
 */
package io.chatscalable.chat.infra.lifecycle;
