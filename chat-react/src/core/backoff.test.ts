import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 500, maxMs: 15_000 };

  it('grows exponentially with half of each step random', () => {
    expect(backoffDelay(0, () => 0, policy)).toBe(250);
    expect(backoffDelay(0, () => 1, policy)).toBe(500);
    expect(backoffDelay(3, () => 0, policy)).toBe(2000);
    expect(backoffDelay(3, () => 0.5, policy)).toBe(3000);
  });

  it('is capped', () => {
    expect(backoffDelay(30, () => 1, policy)).toBe(15_000);
    expect(backoffDelay(1000, () => 0, policy)).toBe(7500);
  });
});
