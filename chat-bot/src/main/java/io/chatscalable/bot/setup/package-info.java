/**
 * Scenario set-up over the REST API: logins, rooms and memberships, with bounded
 * concurrency, spread over the nodes round-robin.
 */
package io.chatscalable.bot.setup;
