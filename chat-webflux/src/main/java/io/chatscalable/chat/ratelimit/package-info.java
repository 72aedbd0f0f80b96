/**
 * Rate limits on the requests whose flood costs other users: logins and signups, room
 * creation, membership changes, WebSocket handshakes. Counted cluster-wide in Redis
 * (fixed windows), by this node alone when Redis does not answer (the fail-open rule in
 * {@link io.chatscalable.chat.ratelimit.RateLimiter}). Defaults and the operator's view:
 * docs/security.md.
 */
package io.chatscalable.chat.ratelimit;
