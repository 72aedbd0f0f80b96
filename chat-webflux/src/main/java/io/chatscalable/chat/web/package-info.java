/**
 * The edge of the REST API: errors become application/problem+json answers with a stable
 * {@code code} here, and only here.
 */
package io.chatscalable.chat.web;
