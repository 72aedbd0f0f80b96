import { applyReadPosition } from './rooms';
import { withoutExpiredTyping, withTyping } from './roomState';
import type { ChatStore } from './store';
import { lastPosition } from './timeline';

/** The least time between two `typing` frames of one room. */
export const TYPING_INTERVAL_MS = 3000;

/** What read state and typing need of the rest of the client. */
export interface ReadAndTypingHost {
  /** Sends a frame on the socket; false when it is not open. */
  send(frame: Record<string, unknown>): boolean;
  nextId(prefix: string): string;
  now(): number;
  /** Whether the page is visible (a hidden tab reads nothing). */
  isVisible(): boolean;
  later(delay: number, action: () => void): void;
}

/**
 * My read positions (marked when I see a room, sent as `read` frames, raised by `marked-read` and `read-state`) and
 * typing (sent at most every TYPING_INTERVAL_MS per room, others' notices shown until they expire). A server that
 * answers UNKNOWN_TYPE to either frame gets no more of it.
 */
export class ReadAndTyping {
  private readonly typingSentAt = new Map<number, number>();
  private readonly readSent = new Map<number, number>();

  constructor(
    private readonly store: ChatStore,
    private readonly host: ReadAndTypingHost,
  ) {}

  /** Whether I am looking at the room now. */
  reading(roomId: number): boolean {
    return this.store.state.openRoomId === roomId && this.host.isVisible();
  }

  /** I see the room: everything in it is read (locally at once; the server is told if it can). */
  markRead(roomId: number): void {
    if (!this.reading(roomId)) {
      return;
    }
    const state = this.store.state;
    const room = state.rooms[roomId];
    const summary = state.myRooms.find((r) => r.id === roomId);
    const position = Math.max(lastPosition(room?.messages ?? []) ?? 0, summary?.lastMessage?.position ?? 0);
    if (position === 0) {
      return;
    }
    this.onReadPosition(roomId, position);
    if (state.features.read && room?.joinState === 'joined' && (this.readSent.get(roomId) ?? 0) < position) {
      if (this.host.send({ type: 'read', id: this.host.nextId('r'), roomId, position })) {
        this.readSent.set(roomId, position);
      }
    }
  }

  /** My read position in the room, from this device or another: the unread count follows. */
  onReadPosition(roomId: number, position: number): void {
    const known = this.store.state.rooms[roomId]?.messages ?? [];
    this.store.updateSummary(roomId, (summary) => applyReadPosition(summary, position, known, this.store.myId()));
  }

  /** The composer changed: tell the room, at most every TYPING_INTERVAL_MS. */
  typing(roomId: number): void {
    const state = this.store.state;
    const last = this.typingSentAt.get(roomId) ?? -Infinity;
    const now = this.host.now();
    if (!state.features.typing || state.rooms[roomId]?.joinState !== 'joined' || now - last < TYPING_INTERVAL_MS) {
      return;
    }
    if (this.host.send({ type: 'typing', id: this.host.nextId('t'), roomId })) {
      this.typingSentAt.set(roomId, now);
    }
  }

  /** Someone else types: shown until the notice expires (or they send a message). */
  onTyping(roomId: number, userId: number, username: string, expiresInMs: number): void {
    if (userId === this.store.myId()) {
      return;
    }
    const until = this.host.now() + expiresInMs;
    this.store.updateRoom(roomId, (r) => withTyping(r, userId, username, until));
    this.host.later(expiresInMs, () =>
      this.store.updateRoom(roomId, (r) => withoutExpiredTyping(r, userId, this.host.now())),
    );
  }

  /**
   * An `error` answering one of our `typing` (id `t…`) or `read` (id `r…`) frames with UNKNOWN_TYPE: this server
   * has no such frames yet, so stop sending them. True when the error was that.
   */
  onUnknownType(frameId: string | null, code: string): boolean {
    if (frameId === null || code !== 'UNKNOWN_TYPE' || !(frameId.startsWith('t') || frameId.startsWith('r'))) {
      return false;
    }
    const typing = frameId.startsWith('t');
    this.store.update((s) => ({
      ...s,
      features: typing ? { ...s.features, typing: false } : { ...s.features, read: false },
    }));
    return true;
  }
}
