import { Api, ApiError, type FetchLike, type HistoryPage, NodeUnreachableError } from './api';
import { backoffDelay } from './backoff';
import { Connection, type ConnectionStatus, type WebSocketLike } from './connection';
import { applyMessage, applyReadPosition, sortByActivity, summaryOf, upsertSummary } from './rooms';
import { Outbox } from './outbox';
import {
  emptyRoom,
  type RoomState,
  withoutExpiredTyping,
  withMembers,
  withoutKey,
  withPresence,
  withReceipt,
  withTyping,
} from './roomState';
import { AuthExpiredError, socketUrl } from './socketUrl';
import { lastPosition, mergeMessages, newMessages, replaceWithLatestPage } from './timeline';
import type { ChatMessage, RecoveryResult, Room, RoomSummary, ServerFrame, User } from './types';
import { toMillis } from './types';

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

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ChatClientOptions {
  /** Node base URLs (http://host:port), preferred first. */
  nodes: readonly string[];
  fetch: FetchLike;
  createSocket: (url: string) => WebSocketLike;
  /** Where the login is kept (per tab: sessionStorage). */
  sessionStore: KeyValueStore;
  /** Where rooms joined from this browser are kept when the server cannot list them (localStorage). */
  roomStore: KeyValueStore;
  newId?: () => string;
  random?: () => number;
  now?: () => number;
  isVisible?: () => boolean;
}

/** Most rooms one socket joins (the server allows 100 per socket by default). */
export const MAX_JOINED_ROOMS = 50;
/** The least time between two `typing` frames of one room. */
export const TYPING_INTERVAL_MS = 3000;
/** Tries of the latest history page after TOO_OLD/UNAVAILABLE before giving up until the next join. */
const MAX_RELOAD_ATTEMPTS = 6;
/** Pages of GET /api/rooms read at once for the room directory (200 each). */
const DIRECTORY_PAGES = 5;
const SESSION_KEY = 'chat.session';
/** What GET /api/users accepts as a prefix (the start of a valid username). */
const USERNAME_PREFIX = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** Frame id of each `join` on the current socket -> its room. */
type JoinRequest = { roomId: number };

/**
 * The client core: REST, one socket with fail-over, and the store of rooms and messages.
 * Framework-free; React binds to it with useSyncExternalStore(subscribe, getSnapshot).
 */
export class ChatClient {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private readonly api: Api;
  private readonly connection: Connection;
  private readonly newId: () => string;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly isVisible: () => boolean;
  private readonly joins = new Map<string, JoinRequest>();
  private readonly outbox: Outbox;
  private readonly typingSentAt = new Map<number, number>();
  private readonly readSent = new Map<number, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private counter = 0;

  constructor(private readonly options: ChatClientOptions) {
    this.newId = options.newId ?? defaultId;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.isVisible = options.isVisible ?? (() => true);
    this.api = new Api(options.nodes, options.fetch, () => this.state.session?.token ?? null);
    this.connection = new Connection({
      nodes: options.nodes,
      random: this.random,
      now: this.now,
      createSocket: options.createSocket,
      socketUrl: (node) => {
        if (this.state.session?.token === undefined) {
          return Promise.reject(new AuthExpiredError());
        }
        return socketUrl(node, { ticket: (n) => this.api.wsTicket(n) });
      },
      listener: {
        status: (status) => this.update((s) => ({ ...s, connection: { ...s.connection, ...status } })),
        opened: (node) => {
          this.api.prefer(node);
          this.update((s) => ({ ...s, connection: { ...s.connection, everOpen: true } }));
        },
        frame: (frame) => this.onFrame(frame as ServerFrame),
        closed: () => this.onClosed(),
        authExpired: () => this.expire(),
      },
    });
    this.outbox = new Outbox(
      {
        room: (roomId) => this.state.rooms[roomId],
        updateRoom: (roomId, change) => this.updateRoom(roomId, change),
        sendFrame: (frame) => this.connection.send(frame),
        showMessages: (roomId, messages) => this.onMessages(roomId, messages),
        rejoin: (roomId) => {
          this.updateRoom(roomId, (r) => ({ ...r, joinState: 'idle' }));
          this.sendJoin(roomId);
        },
        me: () => this.state.session?.user ?? null,
        nextId: (prefix) => this.nextId(prefix),
        later: (delay, action) => this.later(delay, action),
        random: () => this.random(),
        now: () => this.now(),
      },
      this.newId,
    );
    this.state = {
      session: null,
      notice: null,
      connection: { ...this.connection.status, nodeId: null, everOpen: false },
      myRooms: [],
      myRoomsSource: 'server',
      allRooms: [],
      openRoomId: null,
      rooms: {},
      features: { read: true, typing: true },
      error: null,
    };
  }

  // ---- store ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ChatState => this.state;

  private update(change: (state: ChatState) => ChatState): void {
    const next = change(this.state);
    if (next !== this.state) {
      this.state = next;
      this.listeners.forEach((listener) => listener());
    }
  }

  private updateRoom(roomId: number, change: (room: RoomState) => RoomState): void {
    this.update((s) => {
      const room = s.rooms[roomId] ?? emptyRoom(roomId);
      const next = change(room);
      return next === s.rooms[roomId] ? s : { ...s, rooms: { ...s.rooms, [roomId]: next } };
    });
  }

  private updateSummary(roomId: number, change: (summary: RoomSummary) => RoomSummary): void {
    this.update((s) => {
      const summary = s.myRooms.find((room) => room.id === roomId);
      if (summary === undefined) {
        return s;
      }
      const next = change(summary);
      return next === summary ? s : { ...s, myRooms: upsertSummary(s.myRooms, next) };
    });
  }

  // ---- session ----

  /** Resumes the login kept in this tab, if it is still valid. */
  resume(): void {
    const raw = this.options.sessionStore.getItem(SESSION_KEY);
    if (raw === null) {
      return;
    }
    try {
      const session = JSON.parse(raw) as Session;
      if (session.expiresAt > this.now()) {
        this.begin(session);
        return;
      }
    } catch {
      // A damaged entry: ask for a login.
    }
    this.options.sessionStore.removeItem(SESSION_KEY);
  }

  async login(username: string, password: string | null): Promise<void> {
    this.update((s) => ({ ...s, error: null }));
    try {
      const result = await this.api.login(username, password === '' ? null : password);
      const session: Session = { token: result.token, expiresAt: result.expiresAt, user: result.user };
      this.options.sessionStore.setItem(SESSION_KEY, JSON.stringify(session));
      this.begin(session);
    } catch (error) {
      this.update((s) => ({ ...s, error: describe(error) }));
    }
  }

  logout(notice: string | null = null): void {
    this.options.sessionStore.removeItem(SESSION_KEY);
    this.connection.stop();
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    if (this.expiryTimer !== null) {
      clearTimeout(this.expiryTimer);
      this.expiryTimer = null;
    }
    this.joins.clear();
    this.outbox.reset();
    this.update((s) => ({
      ...s,
      session: null,
      notice,
      myRooms: [],
      allRooms: [],
      openRoomId: null,
      rooms: {},
      error: null,
      connection: { ...s.connection, nodeId: null, everOpen: false },
    }));
  }

  private begin(session: Session): void {
    this.update((s) => ({ ...s, session, notice: null, error: null }));
    const left = session.expiresAt - this.now();
    // setTimeout takes at most 2^31-1 ms (24.8 days); a longer token is checked again later.
    this.expiryTimer = setTimeout(() => this.expire(), Math.min(Math.max(left, 0), 2 ** 31 - 1));
    this.connection.start();
    void this.refreshRooms();
  }

  private expire(): void {
    if (this.state.session !== null) {
      this.logout('Your session has expired; please log in again.');
    }
  }

  /** Runs a REST call; a 401 ends the session (log in again), other errors go to `error`. */
  private async rest<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.expire();
        return undefined;
      }
      this.update((s) => ({ ...s, error: describe(error) }));
      return undefined;
    }
  }

  dismissError(): void {
    this.update((s) => ({ ...s, error: null }));
  }

  reconnectNow(): void {
    this.connection.retryNow();
  }

  // ---- rooms ----

  /** Loads my rooms (GET /api/me/rooms, or the fall-back) and the directory, then joins mine. */
  async refreshRooms(): Promise<void> {
    const session = this.state.session;
    if (session === null) {
      return;
    }
    const all = await this.rest(() => this.directory());
    if (all !== undefined) {
      this.update((s) => ({ ...s, allRooms: all }));
    }
    let mine: RoomSummary[] | undefined;
    try {
      mine = (await this.api.myRooms(null, 200)).rooms;
      this.update((s) => ({ ...s, myRoomsSource: 'server' }));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
        // The server has no GET /api/me/rooms yet: the rooms joined from this browser.
        const ids = new Set(this.localRoomIds());
        const known = new Map(this.state.myRooms.map((room) => [room.id, room]));
        mine = (all ?? this.state.allRooms)
          .filter((room) => ids.has(room.id))
          .map((room) => known.get(room.id) ?? summaryOf(room, room.createdAt));
        this.update((s) => ({ ...s, myRoomsSource: 'local' }));
      } else {
        await this.rest(() => Promise.reject(error));
        return;
      }
    }
    if (this.state.session !== session) {
      return;
    }
    const known = new Map(this.state.myRooms.map((room) => [room.id, room]));
    const merged = mine.map((room) => {
      const before = known.get(room.id);
      // Keep what live frames taught us if it is newer than the listing.
      return before !== undefined && (before.lastMessage?.position ?? 0) > (room.lastMessage?.position ?? 0) ? before : room;
    });
    this.update((s) => ({ ...s, myRooms: sortByActivity(merged) }));
    this.joinMyRooms();
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

  async createRoom(name: string, visibility: 'PUBLIC' | 'PRIVATE' = 'PUBLIC'): Promise<Room | undefined> {
    this.update((s) => ({ ...s, error: null }));
    const room = await this.rest(() => this.api.createRoom(name, visibility));
    if (room !== undefined) {
      this.addMyRoom(room);
      if (room.visibility !== 'PRIVATE') {
        this.update((s) => ({ ...s, allRooms: addRoom(s.allRooms, room) }));
      }
      this.openRoom(room.id);
    }
    return room;
  }

  /** Opens the direct conversation with `userId`, creating it the first time. */
  async openDirect(userId: number): Promise<Room | undefined> {
    this.update((s) => ({ ...s, error: null }));
    const room = await this.rest(() => this.api.direct(userId));
    if (room !== undefined) {
      this.addMyRoom(room);
      this.openRoom(room.id);
    }
    return room;
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

  /** Adds the user of that name to the room; true when they are a member now. */
  async addMember(roomId: number, username: string): Promise<boolean> {
    this.update((s) => ({ ...s, error: null }));
    const user = await this.userNamed(username);
    if (user === undefined) {
      return false;
    }
    const added = await this.rest(() => this.api.addMember(roomId, user.id).then(() => true));
    if (added === true) {
      void this.loadMembers(roomId);
    }
    return added === true;
  }

  /** Opens the direct conversation with the user of that name, creating it the first time. */
  async openDirectWith(username: string): Promise<Room | undefined> {
    this.update((s) => ({ ...s, error: null }));
    const user = await this.userNamed(username);
    return user === undefined ? undefined : this.openDirect(user.id);
  }

  /** The user of exactly that name (any case); otherwise the error says there is none. */
  private async userNamed(username: string): Promise<User | undefined> {
    const name = username.trim();
    if (!USERNAME_PREFIX.test(name)) {
      this.update((s) => ({ ...s, error: `No user named "${name}"` }));
      return undefined;
    }
    // A name sorts before every longer name it starts, so an exact match is first among the answers.
    const users = await this.rest(() => this.api.searchUsers(name, 1));
    const user = users?.find((candidate) => candidate.username.toLowerCase() === name.toLowerCase());
    if (users !== undefined && user === undefined) {
      this.update((s) => ({ ...s, error: `No user named "${name}"` }));
    }
    return user;
  }

  /** A room I became a member of elsewhere: fetched, listed and joined. */
  private async adoptRoom(roomId: number): Promise<void> {
    let room: Room;
    try {
      room = await this.api.room(roomId);
    } catch {
      // Gone again, or not reachable now: the next room list refresh (on reconnect) shows it if it is mine.
      return;
    }
    this.addMyRoom(room);
  }

  async joinRoom(roomId: number): Promise<void> {
    this.update((s) => ({ ...s, error: null }));
    const joined = await this.rest(() => this.api.joinRoom(roomId));
    const room = this.state.allRooms.find((r) => r.id === roomId);
    if (joined !== undefined && room !== undefined) {
      this.addMyRoom(room, joined.lastReadPosition);
      this.openRoom(roomId);
    }
  }

  async leaveRoom(roomId: number): Promise<void> {
    const done = await this.rest(() => this.api.leaveRoom(roomId).then(() => true));
    if (done) {
      this.connection.send({ type: 'leave', id: this.nextId('l'), roomId });
      this.forgetRoom(roomId);
    }
  }

  /** `lastReadPosition` -1: nothing read (positions start at 0). */
  private addMyRoom(room: Room, lastReadPosition = -1): void {
    this.saveLocalRoomIds([...this.localRoomIds().filter((id) => id !== room.id), room.id]);
    if (this.state.myRooms.some((r) => r.id === room.id)) {
      return;
    }
    this.update((s) => ({ ...s, myRooms: upsertSummary(s.myRooms, { ...summaryOf(room, this.now()), lastReadPosition }) }));
    this.sendJoin(room.id);
  }

  private forgetRoom(roomId: number): void {
    this.saveLocalRoomIds(this.localRoomIds().filter((id) => id !== roomId));
    this.update((s) => ({
      ...s,
      myRooms: s.myRooms.filter((room) => room.id !== roomId),
      rooms: withoutKey(s.rooms, roomId),
      openRoomId: s.openRoomId === roomId ? null : s.openRoomId,
    }));
  }

  private localRoomIds(): number[] {
    const user = this.state.session?.user.id;
    const raw = user === undefined ? null : this.options.roomStore.getItem(`chat.rooms.${user}`);
    try {
      const ids: unknown = raw === null ? [] : JSON.parse(raw);
      return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
    } catch {
      return [];
    }
  }

  private saveLocalRoomIds(ids: number[]): void {
    const user = this.state.session?.user.id;
    if (user !== undefined) {
      this.options.roomStore.setItem(`chat.rooms.${user}`, JSON.stringify(ids));
    }
  }

  openRoom(roomId: number | null): void {
    this.update((s) => ({ ...s, openRoomId: roomId }));
    if (roomId === null) {
      return;
    }
    const room = this.state.rooms[roomId];
    if (room === undefined || !room.history.loaded) {
      void this.loadOlder(roomId);
    }
    if (room === undefined || room.joinState === 'idle' || room.joinState === 'failed') {
      this.sendJoin(roomId);
    }
    this.markRead(roomId);
    void this.loadMembers(roomId);
  }

  /** Seeds presence and read receipts of a room being opened; frames keep them current. */
  private async loadMembers(roomId: number): Promise<void> {
    const me = this.state.session?.user.id;
    let members;
    try {
      members = await this.api.members(roomId);
    } catch {
      // Best effort: a node without the endpoint, or a brief outage, leaves the dots to the frames.
      return;
    }
    if (me !== undefined && this.state.rooms[roomId] !== undefined) {
      this.updateRoom(roomId, (r) => withMembers(r, members, me));
    }
  }

  // ---- history ----

  /** The next older page of history (the latest page first). */
  async loadOlder(roomId: number): Promise<void> {
    const room = this.state.rooms[roomId] ?? emptyRoom(roomId);
    if (room.history.loading || (room.history.loaded && room.history.nextBefore === null)) {
      return;
    }
    const before = room.history.loaded ? room.history.nextBefore : null;
    this.updateRoom(roomId, (r) => ({ ...r, history: { ...r.history, loading: true, error: null } }));
    let page: HistoryPage;
    try {
      page = await this.api.history(roomId, before);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.expire();
        return;
      }
      this.updateRoom(roomId, (r) => ({ ...r, history: { ...r.history, loading: false, error: describe(error) } }));
      return;
    }
    this.updateRoom(roomId, (r) => ({
      ...r,
      messages: mergeMessages(r.messages, page.messages),
      history: { loaded: true, loading: false, nextBefore: page.nextBefore, error: null },
    }));
    this.markRead(roomId);
  }

  /** TOO_OLD / UNAVAILABLE: the latest page replaces what was kept below it; retried with backoff. */
  private async reloadLatest(roomId: number, attempt = 0): Promise<void> {
    try {
      const page = await this.api.history(roomId, null);
      this.updateRoom(roomId, (r) => ({
        ...r,
        messages: replaceWithLatestPage(r.messages, page.messages),
        history: { loaded: true, loading: false, nextBefore: page.nextBefore, error: null },
        error: null,
      }));
      const last = page.messages[page.messages.length - 1];
      if (last !== undefined) {
        this.updateSummary(roomId, (summary) =>
          summary.lastMessage !== null && summary.lastMessage.position >= last.position
            ? summary
            : applyMessage(summary, last, this.myId(), this.reading(roomId)),
        );
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.expire();
        return;
      }
      if (attempt + 1 >= MAX_RELOAD_ATTEMPTS) {
        this.updateRoom(roomId, (r) => ({ ...r, error: `History is unavailable: ${describe(error)}` }));
        return;
      }
      this.updateRoom(roomId, (r) => ({ ...r, error: 'History is unavailable for now; retrying…' }));
      this.later(backoffDelay(attempt, this.random), () => void this.reloadLatest(roomId, attempt + 1));
    }
  }

  // ---- socket ----

  private joinMyRooms(): void {
    this.state.myRooms.slice(0, MAX_JOINED_ROOMS).forEach((room) => {
      const state = this.state.rooms[room.id];
      if (state === undefined || state.joinState === 'idle') {
        this.sendJoin(room.id);
      }
    });
    const open = this.state.openRoomId;
    if (open !== null && this.state.rooms[open]?.joinState === 'idle') {
      this.sendJoin(open);
    }
  }

  private sendJoin(roomId: number): void {
    if (this.state.connection.state !== 'open') {
      return;
    }
    const room = this.state.rooms[roomId] ?? emptyRoom(roomId);
    const id = this.nextId('j');
    const lastSeen = lastPosition(room.messages);
    const frame = lastSeen === null ? { type: 'join', id, roomId } : { type: 'join', id, roomId, lastSeenPosition: lastSeen };
    if (this.connection.send(frame)) {
      this.joins.set(id, { roomId });
      this.updateRoom(roomId, (r) => ({ ...r, joinState: 'joining' }));
    }
  }

  private onClosed(): void {
    this.joins.clear();
    this.outbox.reset();
    this.update((s) => {
      const rooms: Record<number, RoomState> = {};
      for (const [id, room] of Object.entries(s.rooms)) {
        rooms[Number(id)] = { ...room, joinState: 'idle', presence: {}, typing: {} };
      }
      return { ...s, rooms, connection: { ...s.connection, nodeId: null } };
    });
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome':
        this.update((s) => ({ ...s, connection: { ...s.connection, nodeId: frame.nodeId } }));
        // Rooms created while we were away are not announced again: list them anew.
        void this.refreshRooms();
        this.joinMyRooms();
        break;
      case 'joined':
        this.onJoined(frame.id ?? null, frame.roomId, frame.recovery?.result ?? 'NONE');
        break;
      case 'message':
        this.onMessages(frame.roomId, [stripType(frame)]);
        break;
      case 'ack':
        this.outbox.onAck(frame);
        break;
      case 'nack':
        this.outbox.onNack(frame);
        break;
      case 'error':
        this.onError(frame);
        break;
      case 'room-created': {
        const room: Room = { ...frame.room, createdAt: toMillis(frame.room.createdAt) };
        if (room.visibility === 'PRIVATE') {
          // Sent only to the users it was created with (both users of a direct conversation): it is mine,
          // and never in the directory.
          this.addMyRoom(room);
          break;
        }
        this.update((s) => ({ ...s, allRooms: addRoom(s.allRooms, room) }));
        if (room.createdBy === this.myId()) {
          this.addMyRoom(room);
        }
        break;
      }
      case 'removed':
        this.forgetRoom(frame.roomId);
        break;
      case 'member-joined':
        if (frame.userId === this.myId() && !this.state.myRooms.some((room) => room.id === frame.roomId)) {
          // I was added to a room (a private one), or joined it on another device: it is mine now.
          void this.adoptRoom(frame.roomId);
        } else if (this.state.rooms[frame.roomId] !== undefined) {
          // A new member: who they are, whether they are online and how far they read come with the member list.
          void this.loadMembers(frame.roomId);
        }
        break;
      case 'member-left':
        this.updateRoom(frame.roomId, (r) => ({ ...r, presence: withoutKey(r.presence, frame.userId) }));
        break;
      case 'marked-read':
      case 'read-state':
        this.onReadPosition(frame.roomId, frame.lastReadPosition);
        break;
      case 'read-receipt':
        this.updateRoom(frame.roomId, (r) => withReceipt(r, frame.userId, frame.username, frame.lastReadPosition));
        break;
      case 'presence':
        this.updateRoom(frame.roomId, (r) => withPresence(r, frame.userId, frame.username, frame.online));
        break;
      case 'typing':
        this.onTyping(frame.roomId, frame.userId, frame.username, frame.expiresInMs);
        break;
      default:
        // pong, left and frames of newer servers: nothing to show.
        break;
    }
  }

  private onJoined(id: string | null, roomId: number, result: RecoveryResult): void {
    if (id !== null) {
      this.joins.delete(id);
    }
    const room = this.state.rooms[roomId];
    this.updateRoom(roomId, (r) => ({ ...r, joinState: 'joined', lastRecovery: result, error: null }));
    if (result === 'TOO_OLD' || result === 'UNAVAILABLE') {
      void this.reloadLatest(roomId);
    } else if (result === 'NONE' && room !== undefined && room.history.loaded) {
      // Joined without a position (nothing was known): what came meanwhile is in the latest page.
      void this.reloadLatest(roomId);
    }
    this.outbox.flush(roomId);
  }

  private onMessages(roomId: number, incoming: ChatMessage[]): void {
    const room = this.state.rooms[roomId] ?? emptyRoom(roomId);
    const fresh = newMessages(room.messages, incoming);
    if (fresh.length === 0) {
      return;
    }
    const senders = new Set(fresh.map((message) => message.senderId));
    this.updateRoom(roomId, (r) => {
      let typing = r.typing;
      senders.forEach((sender) => (typing = withoutKey(typing, sender)));
      return { ...r, messages: mergeMessages(r.messages, fresh), typing };
    });
    const reading = this.reading(roomId);
    this.updateSummary(roomId, (summary) =>
      fresh.reduce((s, message) => applyMessage(s, message, this.myId(), reading), summary),
    );
    if (reading) {
      this.markRead(roomId);
    }
  }

  private onError(frame: Extract<ServerFrame, { type: 'error' }>): void {
    const id = frame.id;
    if (id !== null && frame.code === 'UNKNOWN_TYPE' && (id.startsWith('t') || id.startsWith('r'))) {
      // This server has no typing / read frames yet: stop sending them.
      this.update((s) => ({
        ...s,
        features: id.startsWith('t') ? { ...s.features, typing: false } : { ...s.features, read: false },
      }));
      return;
    }
    const text = `${frame.code}: ${frame.message}`;
    if (id !== null && this.outbox.onError(id, frame.code, text)) {
      return;
    }
    const request = id === null ? undefined : this.joins.get(id);
    if (id !== null) {
      this.joins.delete(id);
    }
    if (request !== undefined) {
      if (frame.code === 'NOT_A_MEMBER' || frame.code === 'ROOM_NOT_FOUND') {
        this.forgetRoom(request.roomId);
        this.update((s) => ({ ...s, error: text }));
        return;
      }
      this.updateRoom(request.roomId, (r) => ({ ...r, joinState: 'failed', error: text }));
      if (frame.code === 'UNAVAILABLE' || frame.code === 'RATE_LIMITED' || frame.code === 'INTERNAL_ERROR') {
        this.later(backoffDelay(1, this.random), () => {
          if (this.state.rooms[request.roomId]?.joinState === 'failed') {
            this.sendJoin(request.roomId);
          }
        });
      }
      return;
    }
    this.update((s) => ({ ...s, error: text }));
  }

  // ---- sending ----

  /** Sends a message: pending until its ack; the server validates it (and says why not). */
  send(roomId: number, content: string): string {
    return this.outbox.send(roomId, content);
  }

  /** The retry button of a failed message: sent again with the same clientMessageId. */
  retry(roomId: number, clientMessageId: string): void {
    this.outbox.retry(roomId, clientMessageId);
  }

  discard(roomId: number, clientMessageId: string): void {
    this.outbox.discard(roomId, clientMessageId);
  }

  // ---- read state, typing ----

  private reading(roomId: number): boolean {
    return this.state.openRoomId === roomId && this.isVisible();
  }

  /** I see the room: everything in it is read (locally at once; the server is told if it can). */
  markRead(roomId: number): void {
    if (!this.reading(roomId)) {
      return;
    }
    const room = this.state.rooms[roomId];
    const summary = this.state.myRooms.find((r) => r.id === roomId);
    const position = Math.max(lastPosition(room?.messages ?? []) ?? 0, summary?.lastMessage?.position ?? 0);
    if (position === 0) {
      return;
    }
    this.onReadPosition(roomId, position);
    if (this.state.features.read && room?.joinState === 'joined' && (this.readSent.get(roomId) ?? 0) < position) {
      if (this.connection.send({ type: 'read', id: this.nextId('r'), roomId, position })) {
        this.readSent.set(roomId, position);
      }
    }
  }

  private onReadPosition(roomId: number, position: number): void {
    const known = this.state.rooms[roomId]?.messages ?? [];
    this.updateSummary(roomId, (summary) => applyReadPosition(summary, position, known, this.myId()));
  }

  /** The composer changed: tell the room, at most every TYPING_INTERVAL_MS. */
  typing(roomId: number): void {
    const last = this.typingSentAt.get(roomId) ?? -Infinity;
    if (!this.state.features.typing || this.state.rooms[roomId]?.joinState !== 'joined' || this.now() - last < TYPING_INTERVAL_MS) {
      return;
    }
    if (this.connection.send({ type: 'typing', id: this.nextId('t'), roomId })) {
      this.typingSentAt.set(roomId, this.now());
    }
  }

  private onTyping(roomId: number, userId: number, username: string, expiresInMs: number): void {
    if (userId === this.myId()) {
      return;
    }
    const until = this.now() + expiresInMs;
    this.updateRoom(roomId, (r) => withTyping(r, userId, username, until));
    this.later(expiresInMs, () => this.updateRoom(roomId, (r) => withoutExpiredTyping(r, userId, this.now())));
  }

  // ---- helpers ----

  private myId(): number {
    return this.state.session?.user.id ?? -1;
  }

  private nextId(prefix: string): string {
    this.counter++;
    return `${prefix}${this.counter}`;
  }

  private later(delay: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delay);
    this.timers.add(timer);
  }
}

function stripType(frame: Extract<ServerFrame, { type: 'message' }>): ChatMessage {
  const { type: _type, ...message } = frame;
  return message;
}

function addRoom(rooms: readonly Room[], room: Room): readonly Room[] {
  return rooms.some((r) => r.id === room.id) ? rooms : [...rooms, room].sort((a, b) => a.id - b.id);
}

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    return `${error.code}: ${error.message}`;
  }
  if (error instanceof NodeUnreachableError) {
    return 'No chat node can be reached; check your connection.';
  }
  return error instanceof Error ? error.message : String(error);
}

function defaultId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'c-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
