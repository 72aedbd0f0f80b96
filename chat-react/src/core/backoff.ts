/** Reconnect delays: exponential from `baseMs`, capped at `maxMs`, with "equal jitter". */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 15_000 };

/**
 * The delay before reconnect attempt `attempt` (0 for the first after a drop): half of the
 * exponential step is fixed, half random, so clients dropped together by a dying node do
 * not come back in one wave.
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(step / 2 + random() * (step / 2));
}
