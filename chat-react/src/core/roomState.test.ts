import { describe, expect, it } from 'vitest';
import { emptyRoom, readersOf, withMembers, withPresence, withReceipt } from './roomState';

const ME = 1;

describe('room members, presence and receipts', () => {
  const members = [
    { userId: ME, username: 'alice', lastReadPosition: 9, online: true },
    { userId: 2, username: 'bob', lastReadPosition: 7, online: true },
    { userId: 3, username: 'cat', lastReadPosition: -1, online: false },
  ];

  it('seeds presence and read receipts from the member list, leaving me out', () => {
    const room = withMembers(emptyRoom(7), members, ME);
    expect(room.presence).toEqual({ 2: { username: 'bob', online: true }, 3: { username: 'cat', online: false } });
    expect(room.receipts).toEqual({ 2: { username: 'bob', lastReadPosition: 7 } });
    expect(readersOf(room, 7, ME)).toEqual(['bob']);
    expect(readersOf(room, 8, ME)).toEqual([]);
  });

  it('keeps what frames said meanwhile: a presence change is newer, a read position only rises', () => {
    let room = withPresence(emptyRoom(7), 2, 'bob', false);
    room = withReceipt(room, 2, 'bob', 12);
    room = withMembers(room, members, ME);
    expect(room.presence[2]).toEqual({ username: 'bob', online: false });
    expect(room.receipts[2]?.lastReadPosition).toBe(12);
  });
});
