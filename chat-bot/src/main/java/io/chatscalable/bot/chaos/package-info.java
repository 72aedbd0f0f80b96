/**
 * Chaos runs: a fault injected into a running local run (through its fault control
 * endpoint) while the bot keeps its load on, healed, then a drain; the books decide.
 * <p>
 * {@link ChaosScenario} names the faults and their plans, {@link FaultClient} asks the
 * local run to apply them, {@link FaultTimeline} applies a plan on its own thread (after
 * a warm-up, bounded by a timeout per step) and records what happened when, and
 * {@link SideTraffic} keeps signups and room creations going (lock-holder-kill) and
 * checks that each room creation reached every socket that stayed connected exactly once.
 */
package io.chatscalable.bot.chaos;
