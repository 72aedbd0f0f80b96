/**
 * Generic Redis plumbing. Redis is a cache and a lock service here, never a source of
 * truth: no write is validated against it.
 */
package io.chatscalable.chat.infra.redis;
