/**
 * Generic Redis plumbing. Redis is a cache and a lock service here, and holds short-lived
 * live state (read positions ahead of their batched PostgreSQL write, presence entries
 * that expire); no chat write is validated against it.
 */
package io.chatscalable.chat.infra.redis;
