import { describe, expect, it } from 'vitest';
import { applyMessage, applyReadPosition, sortByActivity, summaryOf } from './rooms';
import { message } from './testing/fakes';

const ME = 1;
const room = { ...summaryOf({ id: 7, name: 'General', createdBy: 1, createdAt: 10 }, 10), lastReadPosition: 5, unreadCount: 2 };

describe('room list and unread counts', () => {
  it('counts a live message of someone else above the read position', () => {
    const next = applyMessage(room, message(9, 2), ME, false);
    expect(next.unreadCount).toBe(3);
    expect(next.lastMessage).toMatchObject({ position: 9, senderName: 'bob', preview: 'm9' });
    expect(next.lastActivityAt).toBe(message(9).serverTime);
  });

  it('does not count my own messages, old ones, or a room I am reading', () => {
    expect(applyMessage(room, message(9, ME), ME, false).unreadCount).toBe(2);
    expect(applyMessage(room, message(4, 2), ME, false).unreadCount).toBe(2);
    const reading = applyMessage(room, message(9, 2), ME, true);
    expect(reading).toMatchObject({ unreadCount: 0, lastReadPosition: 9 });
  });

  it('read-state recounts: to 0 when everything is read, never moving back', () => {
    const withLast = applyMessage(room, message(9, 2), ME, false);
    expect(applyReadPosition(withLast, 9, [], ME)).toMatchObject({ lastReadPosition: 9, unreadCount: 0 });
    const partly = applyReadPosition(withLast, 8, [message(6), message(8), message(9)], ME);
    expect(partly).toMatchObject({ lastReadPosition: 8, unreadCount: 1 });
    expect(applyReadPosition(partly, 3, [], ME).lastReadPosition).toBe(8);
  });

  it('sorts by last activity, newest first', () => {
    const a = { ...room, id: 1, lastActivityAt: 5 };
    const b = { ...room, id: 2, lastActivityAt: 9 };
    const c = { ...room, id: 3, lastActivityAt: 5 };
    expect(sortByActivity([a, b, c]).map((r) => r.id)).toEqual([2, 3, 1]);
  });
});
