import { type Api, ApiError } from './api';
import { sortByActivity, summaryOf, upsertSummary } from './rooms';
import { withoutKey } from './roomState';
import type { ChatStore } from './store';
import type { Room, RoomSummary, User } from './types';

/** Pages of GET /api/rooms read at once for the room directory (200 each). */
const DIRECTORY_PAGES = 5;
/** What GET /api/users accepts as a prefix (the start of a valid username). */
const USERNAME_PREFIX = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the room list needs of the rest of the client. */
export interface RoomsDirectoryHost {
  /** Runs a REST call; a 401 ends the session, other errors go to the alert; undefined when it failed. */
  rest<T>(call: () => Promise<T>): Promise<T | undefined>;
  /** Joins the room on the socket (when it is open). */
  join(roomId: number): void;
  /** Joins those of my rooms the socket has not joined. */
  joinMine(): void;
  /** Leaves the room on the socket. */
  leave(roomId: number): void;
  /** Shows the room. */
  open(roomId: number): void;
  /** The room's members changed: read them again. */
  membersChanged(roomId: number): void;
  now(): number;
}

/**
 * My rooms and the directory of all rooms: listing them, creating, joining, leaving, direct conversations, finding
 * people by name, and the live room events (`room-created`, `member-joined` about me, `removed`). When the server
 * cannot list my rooms (no GET /api/me/rooms), the rooms joined from this browser are kept in `roomStore`.
 */
export class RoomsDirectory {
  constructor(
    private readonly store: ChatStore,
    private readonly api: Api,
    private readonly roomStore: KeyValueStore,
    private readonly host: RoomsDirectoryHost,
  ) {}

  /** Loads my rooms (GET /api/me/rooms, or the fall-back) and the directory, then joins mine. */
  async refresh(): Promise<void> {
    const session = this.store.state.session;
    if (session === null) {
      return;
    }
    const all = await this.host.rest(() => this.directory());
    if (all !== undefined) {
      this.store.update((s) => ({ ...s, allRooms: all }));
    }
    let mine: RoomSummary[] | undefined;
    try {
      mine = (await this.api.myRooms(null, 200)).rooms;
      this.store.update((s) => ({ ...s, myRoomsSource: 'server' }));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
        // The server has no GET /api/me/rooms yet: the rooms joined from this browser.
        const ids = new Set(this.localRoomIds());
        const known = new Map(this.store.state.myRooms.map((room) => [room.id, room]));
        mine = (all ?? this.store.state.allRooms)
          .filter((room) => ids.has(room.id))
          .map((room) => known.get(room.id) ?? summaryOf(room, room.createdAt));
        this.store.update((s) => ({ ...s, myRoomsSource: 'local' }));
      } else {
        await this.host.rest(() => Promise.reject(error));
        return;
      }
    }
    if (this.store.state.session !== session) {
      return;
    }
    const known = new Map(this.store.state.myRooms.map((room) => [room.id, room]));
    const merged = mine.map((room) => {
      const before = known.get(room.id);
      // Keep what live frames taught us if it is newer than the listing.
      return before !== undefined && (before.lastMessage?.position ?? 0) > (room.lastMessage?.position ?? 0) ? before : room;
    });
    this.store.update((s) => ({ ...s, myRooms: sortByActivity(merged) }));
    this.host.joinMine();
  }

  async create(name: string, visibility: 'PUBLIC' | 'PRIVATE'): Promise<Room | undefined> {
    this.store.setError(null);
    const room = await this.host.rest(() => this.api.createRoom(name, visibility));
    if (room !== undefined) {
      this.add(room);
      if (room.visibility !== 'PRIVATE') {
        this.store.update((s) => ({ ...s, allRooms: addRoom(s.allRooms, room) }));
      }
      this.host.open(room.id);
    }
    return room;
  }

  /** Opens the direct conversation with `userId`, creating it the first time. */
  async openDirect(userId: number): Promise<Room | undefined> {
    this.store.setError(null);
    const room = await this.host.rest(() => this.api.direct(userId));
    if (room !== undefined) {
      this.add(room);
      this.host.open(room.id);
    }
    return room;
  }

  /** Opens the direct conversation with the user of that name, creating it the first time. */
  async openDirectWith(username: string): Promise<Room | undefined> {
    this.store.setError(null);
    const user = await this.userNamed(username);
    return user === undefined ? undefined : this.openDirect(user.id);
  }

  async join(roomId: number): Promise<void> {
    this.store.setError(null);
    const joined = await this.host.rest(() => this.api.joinRoom(roomId));
    const room = this.store.state.allRooms.find((r) => r.id === roomId);
    if (joined !== undefined && room !== undefined) {
      this.add(room, joined.lastReadPosition);
      this.host.open(roomId);
    }
  }

  async leave(roomId: number): Promise<void> {
    const done = await this.host.rest(() => this.api.leaveRoom(roomId).then(() => true));
    if (done) {
      this.host.leave(roomId);
      this.forget(roomId);
    }
  }

  /** Adds the user of that name to the room; true when they are a member now. */
  async addMember(roomId: number, username: string): Promise<boolean> {
    this.store.setError(null);
    const user = await this.userNamed(username);
    if (user === undefined) {
      return false;
    }
    const added = await this.host.rest(() => this.api.addMember(roomId, user.id).then(() => true));
    if (added === true) {
      this.host.membersChanged(roomId);
    }
    return added === true;
  }

  /**
   * Users whose name starts with `prefix`, for suggestions while typing. Quiet: a prefix the server would refuse,
   * or a failed call, suggests nobody.
   */
  async searchUsers(prefix: string): Promise<User[]> {
    if (!USERNAME_PREFIX.test(prefix)) {
      return [];
    }
    try {
      return await this.api.searchUsers(prefix, 8);
    } catch {
      return [];
    }
  }

  /** A `room-created` frame: public rooms go to the directory; a private one, or one I created, is mine. */
  announced(room: Room): void {
    if (room.visibility === 'PRIVATE') {
      // Sent only to the users it was created with (both users of a direct conversation): it is mine, and never
      // in the directory.
      this.add(room);
      return;
    }
    this.store.update((s) => ({ ...s, allRooms: addRoom(s.allRooms, room) }));
    if (room.createdBy === this.store.myId()) {
      this.add(room);
    }
  }

  /** A `member-joined` frame about me: a room I was added to, or joined on another device, is mine now. */
  joinedElsewhere(roomId: number): void {
    if (!this.isMine(roomId)) {
      void this.adopt(roomId);
    }
  }

  isMine(roomId: number): boolean {
    return this.store.state.myRooms.some((room) => room.id === roomId);
  }

  /** Lists the room as mine and joins it. `lastReadPosition` -1: nothing read (positions start at 0). */
  add(room: Room, lastReadPosition = -1): void {
    this.saveLocalRoomIds([...this.localRoomIds().filter((id) => id !== room.id), room.id]);
    if (this.isMine(room.id)) {
      return;
    }
    this.store.update((s) => ({
      ...s,
      myRooms: upsertSummary(s.myRooms, { ...summaryOf(room, this.host.now()), lastReadPosition }),
    }));
    this.host.join(room.id);
  }

  /** The room is not mine any more (I left, or was removed): gone from the list, its messages forgotten. */
  forget(roomId: number): void {
    this.saveLocalRoomIds(this.localRoomIds().filter((id) => id !== roomId));
    this.store.update((s) => ({
      ...s,
      myRooms: s.myRooms.filter((room) => room.id !== roomId),
      rooms: withoutKey(s.rooms, roomId),
      openRoomId: s.openRoomId === roomId ? null : s.openRoomId,
    }));
  }

  private async adopt(roomId: number): Promise<void> {
    let room: Room;
    try {
      room = await this.api.room(roomId);
    } catch {
      // Gone again, or not reachable now: the next room list refresh (on reconnect) shows it if it is mine.
      return;
    }
    this.add(room);
  }

  /** The user of exactly that name (any case); otherwise the alert says there is none. */
  private async userNamed(username: string): Promise<User | undefined> {
    const name = username.trim();
    if (!USERNAME_PREFIX.test(name)) {
      this.store.setError(`No user named "${name}"`);
      return undefined;
    }
    // A name sorts before every longer name it starts, so an exact match is first among the answers.
    const users = await this.host.rest(() => this.api.searchUsers(name, 1));
    const user = users?.find((candidate) => candidate.username.toLowerCase() === name.toLowerCase());
    if (users !== undefined && user === undefined) {
      this.store.setError(`No user named "${name}"`);
    }
    return user;
  }

  private async directory(): Promise<Room[]> {
    const rooms: Room[] = [];
    let after = 0;
    for (let page = 0; page < DIRECTORY_PAGES; page++) {
      const result = await this.api.rooms(after, 200);
      rooms.push(...result.rooms);
      if (result.nextAfter === null) {
        break;
      }
      after = result.nextAfter;
    }
    return rooms;
  }

  private localRoomIds(): number[] {
    const user = this.store.state.session?.user.id;
    const raw = user === undefined ? null : this.roomStore.getItem(`chat.rooms.${user}`);
    try {
      const ids: unknown = raw === null ? [] : JSON.parse(raw);
      return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
    } catch {
      return [];
    }
  }

  private saveLocalRoomIds(ids: number[]): void {
    const user = this.store.state.session?.user.id;
    if (user !== undefined) {
      this.roomStore.setItem(`chat.rooms.${user}`, JSON.stringify(ids));
    }
  }
}

function addRoom(rooms: readonly Room[], room: Room): readonly Room[] {
  return rooms.some((r) => r.id === room.id) ? rooms : [...rooms, room].sort((a, b) => a.id - b.id);
}
