import { describe, expect, it } from 'vitest';
import { message } from './testing/fakes';
import { lastPosition, MAX_MESSAGES_PER_ROOM, mergeMessages, newMessages, replaceWithLatestPage } from './timeline';

const positions = (list: readonly { position: number }[]) => list.map((m) => m.position);

describe('timeline', () => {
  it('orders by position whatever the arrival order', () => {
    const merged = mergeMessages([message(5)], [message(9), message(2), message(7)]);
    expect(positions(merged)).toEqual([2, 5, 7, 9]);
  });

  it('keeps one entry per messageId and per position', () => {
    const first = mergeMessages([], [message(3), message(4)]);
    const again = mergeMessages(first, [message(4), { ...message(3), messageId: 'other-id-same-position' }, message(3)]);
    expect(again).toBe(first);
    const copy = { ...message(4), position: 12 };
    expect(positions(mergeMessages(first, [copy]))).toEqual([3, 4]);
  });

  it('drops duplicates inside one batch', () => {
    expect(positions(mergeMessages([], [message(1), message(1), message(2)]))).toEqual([1, 2]);
    expect(positions(newMessages([message(1)], [message(1), message(2), message(2)]))).toEqual([2]);
  });

  it('keeps at most MAX_MESSAGES_PER_ROOM, dropping the oldest', () => {
    const many = Array.from({ length: MAX_MESSAGES_PER_ROOM + 10 }, (_, i) => message(i + 1));
    const merged = mergeMessages([], many);
    expect(merged).toHaveLength(MAX_MESSAGES_PER_ROOM);
    expect(merged[0]?.position).toBe(11);
    expect(lastPosition(merged)).toBe(MAX_MESSAGES_PER_ROOM + 10);
  });

  it('TOO_OLD: the latest page replaces what was below it and keeps what came live above it', () => {
    const before = [message(1), message(2), message(50)];
    const page = [message(40), message(45), message(50)];
    expect(positions(replaceWithLatestPage(before, page))).toEqual([40, 45, 50]);
    const withLive = [message(1), message(60), message(61)];
    expect(positions(replaceWithLatestPage(withLive, page))).toEqual([40, 45, 50, 60, 61]);
    expect(replaceWithLatestPage(before, [])).toBe(before);
  });
});
