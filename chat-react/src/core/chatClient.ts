import { Api, ApiError, describeError, type FetchLike, type HistoryPage } from './api';
import { backoffDelay } from './backoff';
import { Connection, type WebSocketLike } from './connection';
import { applyMessage } from './rooms';
import { ReadAndTyping } from './readAndTyping';
import { type KeyValueStore, RoomsDirectory } from './roomsDirectory';
import { Outbox } from './outbox';
import {
  emptyRoom,
  type RoomState,
  withMembers,
  withoutKey,
  withPresence,
  withReceipt,
} from './roomState';
import { AuthExpiredError, socketUrl } from './socketUrl';
import { type ChatState, ChatStore, type Session } from './store';
import { lastPosition, mergeMessages, newMessages, replaceWithLatestPage } from './timeline';
import type { ChatMessage, RecoveryResult, Room, ServerFrame, User } from './types';
import { toMillis } from './types';

export type { ChatState, Session } from './store';
export type { KeyValueStore } from './roomsDirectory';
export { TYPING_INTERVAL_MS } from './readAndTyping';

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
/** Tries of the latest history page after TOO_OLD/UNAVAILABLE before giving up until the next join. */
const MAX_RELOAD_ATTEMPTS = 6;
const SESSION_KEY = 'chat.session';
/** Frame id of each `join` on the current socket -> its room. */
type JoinRequest = { roomId: number };

/**
 * The client core: the session, one socket with fail-over, the frames it receives, history and sending (through
 * the Outbox). The state lives in a ChatStore, the room list in a RoomsDirectory, read positions and typing in
 * ReadAndTyping.
 * Framework-free; React binds to it with useSyncExternalStore(subscribe, getSnapshot).
 */
export class ChatClient {
  private readonly store: ChatStore;
  private readonly api: Api;
  private readonly rooms: RoomsDirectory;
  private readonly connection: Connection;
  private readonly newId: () => string;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly isVisible: () => boolean;
  private readonly joins = new Map<string, JoinRequest>();
  private readonly outbox: Outbox;
  private readonly signals: ReadAndTyping;
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
        status: (status) => this.store.update((s) => ({ ...s, connection: { ...s.connection, ...status } })),
        opened: (node) => {
          this.api.prefer(node);
          this.store.update((s) => ({ ...s, connection: { ...s.connection, everOpen: true } }));
        },
        frame: (frame) => this.onFrame(frame as ServerFrame),
        closed: () => this.onClosed(),
        authExpired: () => this.expire(),
      },
    });
    this.outbox = new Outbox(
      {
        room: (roomId) => this.state.rooms[roomId],
        updateRoom: (roomId, change) => this.store.updateRoom(roomId, change),
        sendFrame: (frame) => this.connection.send(frame),
        showMessages: (roomId, messages) => this.onMessages(roomId, messages),
        rejoin: (roomId) => {
          this.store.updateRoom(roomId, (r) => ({ ...r, joinState: 'idle' }));
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
    this.store = new ChatStore({
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
    });
    this.signals = new ReadAndTyping(this.store, {
      send: (frame) => this.connection.send(frame),
      nextId: (prefix) => this.nextId(prefix),
      now: () => this.now(),
      isVisible: () => this.isVisible(),
      later: (delay, action) => this.later(delay, action),
    });
    this.rooms = new RoomsDirectory(this.store, this.api, options.roomStore, {
      rest: (call) => this.rest(call),
      join: (roomId) => this.sendJoin(roomId),
      joinMine: () => this.joinMyRooms(),
      leave: (roomId) => this.connection.send({ type: 'leave', id: this.nextId('l'), roomId }),
      open: (roomId) => this.openRoom(roomId),
      membersChanged: (roomId) => void this.loadMembers(roomId),
      now: () => this.now(),
    });
  }

  // ---- store ----

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  getSnapshot = (): ChatState => this.store.state;

  private get state(): ChatState {
    return this.store.state;
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
    this.store.update((s) => ({ ...s, error: null }));
    try {
      const result = await this.api.login(username, password === '' ? null : password);
      const session: Session = { token: result.token, expiresAt: result.expiresAt, user: result.user };
      this.options.sessionStore.setItem(SESSION_KEY, JSON.stringify(session));
      this.begin(session);
    } catch (error) {
      this.store.update((s) => ({ ...s, error: describeError(error) }));
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
    this.store.update((s) => ({
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
    this.store.update((s) => ({ ...s, session, notice: null, error: null }));
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
      this.store.update((s) => ({ ...s, error: describeError(error) }));
      return undefined;
    }
  }

  dismissError(): void {
    this.store.update((s) => ({ ...s, error: null }));
  }

  reconnectNow(): void {
    this.connection.retryNow();
  }

  // ---- rooms (see RoomsDirectory) ----

  /** Loads my rooms (GET /api/me/rooms, or the fall-back) and the directory, then joins mine. */
  refreshRooms(): Promise<void> {
    return this.rooms.refresh();
  }

  createRoom(name: string, visibility: 'PUBLIC' | 'PRIVATE' = 'PUBLIC'): Promise<Room | undefined> {
    return this.rooms.create(name, visibility);
  }

  /** Opens the direct conversation with `userId`, creating it the first time. */
  openDirect(userId: number): Promise<Room | undefined> {
    return this.rooms.openDirect(userId);
  }

  /** Opens the direct conversation with the user of that name, creating it the first time. */
  openDirectWith(username: string): Promise<Room | undefined> {
    return this.rooms.openDirectWith(username);
  }

  joinRoom(roomId: number): Promise<void> {
    return this.rooms.join(roomId);
  }

  leaveRoom(roomId: number): Promise<void> {
    return this.rooms.leave(roomId);
  }

  /** Adds the user of that name to the room; true when they are a member now. */
  addMember(roomId: number, username: string): Promise<boolean> {
    return this.rooms.addMember(roomId, username);
  }

  /** Users whose name starts with `prefix`, for suggestions while typing (nobody when the call fails). */
  searchUsers(prefix: string): Promise<User[]> {
    return this.rooms.searchUsers(prefix);
  }

  openRoom(roomId: number | null): void {
    this.store.update((s) => ({ ...s, openRoomId: roomId }));
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
      this.store.updateRoom(roomId, (r) => withMembers(r, members, me));
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
    this.store.updateRoom(roomId, (r) => ({ ...r, history: { ...r.history, loading: true, error: null } }));
    let page: HistoryPage;
    try {
      page = await this.api.history(roomId, before);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.expire();
        return;
      }
      this.store.updateRoom(roomId, (r) => ({ ...r, history: { ...r.history, loading: false, error: describeError(error) } }));
      return;
    }
    this.store.updateRoom(roomId, (r) => ({
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
      this.store.updateRoom(roomId, (r) => ({
        ...r,
        messages: replaceWithLatestPage(r.messages, page.messages),
        history: { loaded: true, loading: false, nextBefore: page.nextBefore, error: null },
        error: null,
      }));
      const last = page.messages[page.messages.length - 1];
      if (last !== undefined) {
        this.store.updateSummary(roomId, (summary) =>
          summary.lastMessage !== null && summary.lastMessage.position >= last.position
            ? summary
            : applyMessage(summary, last, this.myId(), this.signals.reading(roomId)),
        );
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.expire();
        return;
      }
      if (attempt + 1 >= MAX_RELOAD_ATTEMPTS) {
        this.store.updateRoom(roomId, (r) => ({ ...r, error: `History is unavailable: ${describeError(error)}` }));
        return;
      }
      this.store.updateRoom(roomId, (r) => ({ ...r, error: 'History is unavailable for now; retrying…' }));
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
    const id = this.nextId('j');
    const lastSeen = this.lastSeen(roomId);
    const frame = lastSeen === null ? { type: 'join', id, roomId } : { type: 'join', id, roomId, lastSeenPosition: lastSeen };
    if (this.connection.send(frame)) {
      this.joins.set(id, { roomId });
      this.store.updateRoom(roomId, (r) => ({ ...r, joinState: 'joining' }));
    }
  }

  /**
   * What a join asks to recover: after the last message shown; everything (-1) for a room of mine with no message
   * as far as the client knows (a new room: messages sent while we join, not stored yet, would be in neither the
   * live stream nor a history page); otherwise nothing (live only, then the latest history page).
   */
  private lastSeen(roomId: number): number | null {
    const shown = lastPosition(this.state.rooms[roomId]?.messages ?? []);
    if (shown !== null) {
      return shown;
    }
    const summary = this.state.myRooms.find((room) => room.id === roomId);
    return summary !== undefined && summary.lastMessage === null ? -1 : null;
  }

  private onClosed(): void {
    this.joins.clear();
    this.outbox.reset();
    this.store.update((s) => {
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
        this.store.update((s) => ({ ...s, connection: { ...s.connection, nodeId: frame.nodeId } }));
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
      case 'room-created':
        this.rooms.announced({ ...frame.room, createdAt: toMillis(frame.room.createdAt) });
        break;
      case 'removed':
        this.rooms.forget(frame.roomId);
        break;
      case 'member-joined':
        if (frame.userId === this.myId()) {
          this.rooms.joinedElsewhere(frame.roomId);
        } else if (this.state.rooms[frame.roomId] !== undefined) {
          // A new member: who they are, whether they are online and how far they read come with the member list.
          void this.loadMembers(frame.roomId);
        }
        break;
      case 'member-left':
        this.store.updateRoom(frame.roomId, (r) => ({ ...r, presence: withoutKey(r.presence, frame.userId) }));
        break;
      case 'marked-read':
      case 'read-state':
        this.signals.onReadPosition(frame.roomId, frame.lastReadPosition);
        break;
      case 'read-receipt':
        this.store.updateRoom(frame.roomId, (r) => withReceipt(r, frame.userId, frame.username, frame.lastReadPosition));
        break;
      case 'presence':
        this.store.updateRoom(frame.roomId, (r) => withPresence(r, frame.userId, frame.username, frame.online));
        break;
      case 'typing':
        this.signals.onTyping(frame.roomId, frame.userId, frame.username, frame.expiresInMs);
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
    this.store.updateRoom(roomId, (r) => ({ ...r, joinState: 'joined', lastRecovery: result, error: null }));
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
    this.store.updateRoom(roomId, (r) => {
      let typing = r.typing;
      senders.forEach((sender) => (typing = withoutKey(typing, sender)));
      return { ...r, messages: mergeMessages(r.messages, fresh), typing };
    });
    const reading = this.signals.reading(roomId);
    this.store.updateSummary(roomId, (summary) =>
      fresh.reduce((s, message) => applyMessage(s, message, this.myId(), reading), summary),
    );
    if (reading) {
      this.markRead(roomId);
    }
  }

  private onError(frame: Extract<ServerFrame, { type: 'error' }>): void {
    const id = frame.id;
    if (this.signals.onUnknownType(id, frame.code)) {
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
        this.rooms.forget(request.roomId);
        this.store.setError(text);
        return;
      }
      this.store.updateRoom(request.roomId, (r) => ({ ...r, joinState: 'failed', error: text }));
      if (frame.code === 'UNAVAILABLE' || frame.code === 'RATE_LIMITED' || frame.code === 'INTERNAL_ERROR') {
        this.later(backoffDelay(1, this.random), () => {
          if (this.state.rooms[request.roomId]?.joinState === 'failed') {
            this.sendJoin(request.roomId);
          }
        });
      }
      return;
    }
    this.store.update((s) => ({ ...s, error: text }));
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

  // ---- read state, typing (see ReadAndTyping) ----

  /** I see the room: everything in it is read (locally at once; the server is told if it can). */
  markRead(roomId: number): void {
    this.signals.markRead(roomId);
  }

  /** The composer changed: tell the room, at most every TYPING_INTERVAL_MS. */
  typing(roomId: number): void {
    this.signals.typing(roomId);
  }

  // ---- helpers ----

  private myId(): number {
    return this.store.myId();
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

function defaultId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'c-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
