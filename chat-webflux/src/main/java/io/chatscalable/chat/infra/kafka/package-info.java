/**
 * Generic Kafka plumbing: the admin client and the health check. Features publish and
 * consume through their own small interfaces so that reactor-kafka (discontinued in 2025)
 * can be replaced without touching them.
 */
package io.chatscalable.chat.infra.kafka;
