/**
 * The bot's output: a summary for people and a JSON report for tools.
 */
package io.chatscalable.bot.report;
