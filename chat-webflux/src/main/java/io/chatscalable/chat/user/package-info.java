/**
 * Users: login-or-signup, the UserSignedUp event (written through the outbox) and the
 * Redis cache its consumer group keeps. PostgreSQL decides every write; Redis only serves
 * reads, with PostgreSQL as the fallback.
 */
package io.chatscalable.chat.user;
