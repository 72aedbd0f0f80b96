/**
 * Text rules shared by every feature that stores text: what PostgreSQL can keep.
 */
package io.chatscalable.chat.text;
