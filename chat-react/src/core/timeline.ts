import type { ChatMessage } from './types';

/**
 * Most messages kept per room in memory. Older ones are dropped from the front and can be
 * loaded again with scroll-back; a bound so a long-open busy room cannot grow without end.
 */
export const MAX_MESSAGES_PER_ROOM = 2000;

/**
 * Merges messages into a room's timeline: ordered by position, one entry per messageId
 * (and per position: a position names one message of a room). Returns `existing` itself
 * when nothing was new, so callers can tell by identity.
 */
export function mergeMessages(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): readonly ChatMessage[] {
  const ids = new Set<string>();
  const positions = new Set<number>();
  for (const message of existing) {
    ids.add(message.messageId);
    positions.add(message.position);
  }
  const added: ChatMessage[] = [];
  for (const message of incoming) {
    if (ids.has(message.messageId) || positions.has(message.position)) {
      continue;
    }
    ids.add(message.messageId);
    positions.add(message.position);
    added.push(message);
  }
  if (added.length === 0) {
    return existing;
  }
  const last = existing[existing.length - 1];
  const merged =
    last !== undefined && added.every((message) => message.position > last.position)
      ? [...existing, ...added.sort(byPosition)]
      : [...existing, ...added].sort(byPosition);
  return merged.length > MAX_MESSAGES_PER_ROOM ? merged.slice(merged.length - MAX_MESSAGES_PER_ROOM) : merged;
}

/** The messages of `incoming` that `mergeMessages(existing, incoming)` would add. */
export function newMessages(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const ids = new Set(existing.map((message) => message.messageId));
  const positions = new Set(existing.map((message) => message.position));
  return incoming.filter((message) => {
    const fresh = !ids.has(message.messageId) && !positions.has(message.position);
    ids.add(message.messageId);
    positions.add(message.position);
    return fresh;
  });
}

/**
 * After `TOO_OLD` or `UNAVAILABLE` recovery: the latest history page replaces what was kept
 * below it (there may be a gap between the two), and what arrived live above it stays.
 */
export function replaceWithLatestPage(
  existing: readonly ChatMessage[],
  page: readonly ChatMessage[],
): readonly ChatMessage[] {
  const lowest = page[0];
  if (lowest === undefined) {
    return existing;
  }
  return mergeMessages(
    page,
    existing.filter((message) => message.position > lowest.position),
  );
}

/** The highest position of the timeline, or null when it is empty. */
export function lastPosition(messages: readonly ChatMessage[]): number | null {
  const last = messages[messages.length - 1];
  return last === undefined ? null : last.position;
}

function byPosition(a: ChatMessage, b: ChatMessage): number {
  return a.position - b.position;
}
