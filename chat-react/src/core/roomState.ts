import type { ChatMessage, Member, RecoveryResult } from './types';

/** A message I sent that has no `ack` yet (`sending`), or that gave up (`failed`). */
export interface PendingMessage {
  clientMessageId: string;
  content: string;
  status: 'sending' | 'failed';
  /** Sends without an ack so far (nacks and re-sends). */
  attempts: number;
  /** The server's reason when it failed. */
  error: string | null;
}

export interface TypingUser {
  username: string;
  /** Epoch ms after which the indicator goes. */
  until: number;
}

/** Everything the client knows of one room beyond the list entry. */
export interface RoomState {
  roomId: number;
  /** Ordered by position, one per messageId. */
  messages: readonly ChatMessage[];
  pending: readonly PendingMessage[];
  history: { loaded: boolean; loading: boolean; nextBefore: number | null; error: string | null };
  joinState: 'idle' | 'joining' | 'joined' | 'failed';
  lastRecovery: RecoveryResult | null;
  typing: Readonly<Record<number, TypingUser>>;
  presence: Readonly<Record<number, { username: string; online: boolean }>>;
  receipts: Readonly<Record<number, { username: string; lastReadPosition: number }>>;
  /** The last error of the server about this room, for people. */
  error: string | null;
}

export function emptyRoom(roomId: number): RoomState {
  return {
    roomId,
    messages: [],
    pending: [],
    history: { loaded: false, loading: false, nextBefore: null, error: null },
    joinState: 'idle',
    lastRecovery: null,
    typing: {},
    presence: {},
    receipts: {},
    error: null,
  };
}

/** Users typing now, excluding expired entries. */
export function typingNow(room: RoomState, now: number): TypingUser[] {
  return Object.values(room.typing).filter((user) => user.until > now);
}

/** Who has read up to (at least) `position`: the read receipts of a message. */
export function readersOf(room: RoomState, position: number, exceptUserId: number): string[] {
  return Object.entries(room.receipts)
    .filter(([userId, receipt]) => Number(userId) !== exceptUserId && receipt.lastReadPosition >= position)
    .map(([, receipt]) => receipt.username);
}

export function withoutKey<T>(record: Readonly<Record<number, T>>, key: number): Record<number, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** `read-receipt`: a member's read position, never moving back. */
export function withReceipt(room: RoomState, userId: number, username: string, position: number): RoomState {
  const before = room.receipts[userId]?.lastReadPosition ?? -1;
  return { ...room, receipts: { ...room.receipts, [userId]: { username, lastReadPosition: Math.max(before, position) } } };
}

/**
 * The member list of `GET /api/rooms/{id}/members`: who is online now and how far each
 * member read. Frames that arrived meanwhile are newer for presence; read positions only
 * rise, so the larger wins.
 */
export function withMembers(room: RoomState, members: readonly Member[], me: number): RoomState {
  let next = room;
  for (const member of members) {
    if (member.userId === me) {
      continue;
    }
    if (next.presence[member.userId] === undefined) {
      next = withPresence(next, member.userId, member.username, member.online);
    }
    if (member.lastReadPosition >= 0) {
      next = withReceipt(next, member.userId, member.username, member.lastReadPosition);
    }
  }
  return next;
}

/** `presence`: a member went online or offline. */
export function withPresence(room: RoomState, userId: number, username: string, online: boolean): RoomState {
  return { ...room, presence: { ...room.presence, [userId]: { username, online } } };
}

/** `typing`: shown until `until`, or until a message of theirs arrives. */
export function withTyping(room: RoomState, userId: number, username: string, until: number): RoomState {
  return { ...room, typing: { ...room.typing, [userId]: { username, until } } };
}

/** Drops a typing entry once it has expired (a newer `typing` may have extended it). */
export function withoutExpiredTyping(room: RoomState, userId: number, now: number): RoomState {
  const entry = room.typing[userId];
  return entry !== undefined && entry.until <= now ? { ...room, typing: withoutKey(room.typing, userId) } : room;
}
