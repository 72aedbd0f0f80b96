import type { ConnectionStatus } from './connection';
import { upsertSummary } from './rooms';
import { emptyRoom, type RoomState } from './roomState';
import type { Room, RoomSummary, User } from './types';

export interface Session {
  token: string;
  expiresAt: number;
  user: User;
}

/** The whole state the UI renders; replaced (never mutated) on every change. */
export interface ChatState {
  session: Session | null;
  /** Why the user must log in (again), e.g. an expired session. */
  notice: string | null;
  connection: ConnectionStatus & { nodeId: string | null; everOpen: boolean };
  /** Rooms I am a member of, most recent activity first. */
  myRooms: readonly RoomSummary[];
  /** `server`: GET /api/me/rooms; `local`: that endpoint is missing, rooms joined from this browser. */
  myRoomsSource: 'server' | 'local';
  /** Every room (GET /api/rooms), to discover and join. */
  allRooms: readonly Room[];
  openRoomId: number | null;
  rooms: Readonly<Record<number, RoomState>>;
  /** Server features seen to work; off after the server answered UNKNOWN_TYPE. */
  features: { read: boolean; typing: boolean };
  /** The last error of an action, for an alert. */
  error: string | null;
}

/**
 * The state and who listens to it. Every change is a function from the old state to the new one; listeners hear
 * of it only when something changed, which is what useSyncExternalStore needs.
 */
export class ChatStore {
  private current: ChatState;
  private readonly listeners = new Set<() => void>();

  constructor(initial: ChatState) {
    this.current = initial;
  }

  get state(): ChatState {
    return this.current;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ChatState => this.current;

  update(change: (state: ChatState) => ChatState): void {
    const next = change(this.current);
    if (next !== this.current) {
      this.current = next;
      this.listeners.forEach((listener) => listener());
    }
  }

  updateRoom(roomId: number, change: (room: RoomState) => RoomState): void {
    this.update((s) => {
      const room = s.rooms[roomId] ?? emptyRoom(roomId);
      const next = change(room);
      return next === s.rooms[roomId] ? s : { ...s, rooms: { ...s.rooms, [roomId]: next } };
    });
  }

  /** Changes my room's summary; nothing when the room is not mine. */
  updateSummary(roomId: number, change: (summary: RoomSummary) => RoomSummary): void {
    this.update((s) => {
      const summary = s.myRooms.find((room) => room.id === roomId);
      if (summary === undefined) {
        return s;
      }
      const next = change(summary);
      return next === summary ? s : { ...s, myRooms: upsertSummary(s.myRooms, next) };
    });
  }

  /** Shows an error in the alert; null clears it. */
  setError(error: string | null): void {
    this.update((s) => (s.error === error ? s : { ...s, error }));
  }

  /** My user id; -1 when logged out. */
  myId(): number {
    return this.current.session?.user.id ?? -1;
  }
}
