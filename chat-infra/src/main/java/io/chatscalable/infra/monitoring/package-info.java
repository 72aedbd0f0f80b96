/**
 * Prometheus on this machine, against chat nodes on this machine: the configuration the
 * local run ({@code ./run-local --monitoring}) and the monitoring tests render, and the
 * server process they start.
 */
package io.chatscalable.infra.monitoring;
