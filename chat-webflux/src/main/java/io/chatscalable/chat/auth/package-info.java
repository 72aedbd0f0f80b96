/**
 * Authentication: signed, expiring HS256 tokens (Spring Security with Nimbus) issued at
 * login and checked on every REST call and WebSocket handshake. Stateless: any node
 * verifies any token.
 */
package io.chatscalable.chat.auth;
