import type { ChatMessage, Member, Room, RoomSummary, User } from './types';
import { toMillis } from './types';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** An answer of the server that is not a success: its status and its problem `code` and `detail`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** The node could not be reached at all (refused, reset, DNS): try another node. */
export class NodeUnreachableError extends Error {
  constructor(readonly node: string, cause: unknown) {
    super(`Node ${node} is unreachable: ${String(cause)}`);
    this.name = 'NodeUnreachableError';
  }
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: User;
}

export interface HistoryPage {
  messages: ChatMessage[];
  nextBefore: number | null;
}

export interface MyRoomsPage {
  rooms: RoomSummary[];
  nextCursor: string | null;
}

export interface RoomsPage {
  rooms: Room[];
  nextAfter: number | null;
}

/**
 * The REST API of docs/protocol.md. Each call goes to the preferred node and, when that
 * node cannot be reached, to the next ones in turn; any answer (also an error) ends it.
 */
export class Api {
  private preferred = 0;

  constructor(
    private readonly nodes: readonly string[],
    private readonly fetchFn: FetchLike,
    private readonly token: () => string | null,
  ) {
    if (nodes.length === 0) {
      throw new Error('At least one node URL is needed');
    }
  }

  /** Makes `node` the first one tried (the node the socket is connected to). */
  prefer(node: string): void {
    const index = this.nodes.indexOf(node);
    if (index >= 0) {
      this.preferred = index;
    }
  }

  login(username: string, password: string | null): Promise<LoginResult> {
    return this.call<{ token: string; expiresAt: string; user: User }>('POST', '/api/auth/login', {
      username,
      password,
    }).then((body) => ({ token: body.token, expiresAt: toMillis(body.expiresAt), user: body.user }));
  }

  myRooms(cursor: string | null, limit = 50): Promise<MyRoomsPage> {
    const query = cursor === null ? `limit=${limit}` : `cursor=${encodeURIComponent(cursor)}&limit=${limit}`;
    return this.call<{ rooms: RawSummary[]; nextCursor: string | null }>('GET', `/api/me/rooms?${query}`).then(
      (body) => ({ rooms: body.rooms.map(toSummary), nextCursor: body.nextCursor }),
    );
  }

  rooms(after: number, limit = 200): Promise<RoomsPage> {
    return this.call<{ rooms: RawRoom[]; nextAfter: number | null }>(
      'GET',
      `/api/rooms?after=${after}&limit=${limit}`,
    ).then((body) => ({ rooms: body.rooms.map(toRoom), nextAfter: body.nextAfter }));
  }

  createRoom(name: string, visibility: 'PUBLIC' | 'PRIVATE' = 'PUBLIC'): Promise<Room> {
    return this.call<RawRoom>('POST', '/api/rooms', { name, visibility }).then(toRoom);
  }

  /** Finds or creates the direct conversation with `userId`. */
  direct(userId: number): Promise<Room> {
    return this.call<RawRoom>('POST', `/api/direct/${userId}`).then(toRoom);
  }

  /** One room (404 ROOM_NOT_FOUND for a private room I am not in). */
  room(roomId: number): Promise<Room> {
    return this.call<RawRoom>('GET', `/api/rooms/${roomId}`).then(toRoom);
  }

  /** Users whose name starts with `prefix` (any case), by name, without me. */
  searchUsers(prefix: string, limit = 10): Promise<User[]> {
    return this.call<{ users: User[] }>(
      'GET',
      `/api/users?prefix=${encodeURIComponent(prefix)}&limit=${limit}`,
    ).then((body) => body.users);
  }

  /** Adds a user to a room I am a member of (the way into a private room). */
  addMember(roomId: number, userId: number): Promise<void> {
    return this.call<unknown>('POST', `/api/rooms/${roomId}/members/${userId}`).then(() => undefined);
  }

  /** The room's members, with their read positions and whether they are online. */
  members(roomId: number): Promise<Member[]> {
    return this.call<{ members?: Member[] }>('GET', `/api/rooms/${roomId}/members`).then((body) =>
      Array.isArray(body.members) ? body.members : [],
    );
  }

  joinRoom(roomId: number): Promise<{ lastReadPosition: number }> {
    return this.call('POST', `/api/rooms/${roomId}/members`);
  }

  leaveRoom(roomId: number): Promise<void> {
    return this.call<void>('DELETE', `/api/rooms/${roomId}/members/me`);
  }

  history(roomId: number, before: number | null, limit = 50): Promise<HistoryPage> {
    const query = before === null ? `limit=${limit}` : `before=${before}&limit=${limit}`;
    return this.call('GET', `/api/rooms/${roomId}/messages?${query}`);
  }

  markRead(roomId: number, position: number): Promise<{ roomId: number; lastReadPosition: number }> {
    return this.call('PUT', `/api/rooms/${roomId}/read`, { position });
  }

  /** A single-use WebSocket ticket (CONTRACT, issue 14), asked of one given node. */
  wsTicket(node: string): Promise<string> {
    return this.callNode<{ ticket: string }>(node, 'POST', '/api/ws-tickets').then((body) => body.ticket);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let unreachable: NodeUnreachableError | null = null;
    for (let i = 0; i < this.nodes.length; i++) {
      const index = (this.preferred + i) % this.nodes.length;
      const node = this.nodes[index] as string;
      try {
        const result = await this.callNode<T>(node, method, path, body);
        this.preferred = index;
        return result;
      } catch (error) {
        if (!(error instanceof NodeUnreachableError)) {
          throw error;
        }
        unreachable = error;
      }
    }
    throw unreachable as NodeUnreachableError;
  }

  private async callNode<T>(node: string, method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const token = this.token();
    if (token !== null && path !== '/api/auth/login') {
      headers['Authorization'] = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetchFn(node + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new NodeUnreachableError(node, error);
    }
    if (response.ok) {
      return (response.status === 204 ? undefined : await response.json()) as T;
    }
    throw await toApiError(response);
  }
}

/** An error of a call, as the user reads it. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return `${error.code}: ${error.message}`;
  }
  if (error instanceof NodeUnreachableError) {
    return 'No chat node can be reached; check your connection.';
  }
  return error instanceof Error ? error.message : String(error);
}

async function toApiError(response: Response): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let detail = `${response.status} ${response.statusText}`;
  try {
    const problem = (await response.json()) as { code?: string; detail?: string; title?: string };
    code = problem.code ?? code;
    detail = problem.detail ?? problem.title ?? detail;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  if (response.status === 429) {
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter !== null) {
      detail = `${detail} (retry in ${retryAfter} s)`;
    }
  }
  return new ApiError(response.status, code, detail);
}

interface RawRoom {
  id: number;
  name: string;
  createdBy: number;
  createdAt: string | number;
  visibility?: 'PUBLIC' | 'PRIVATE';
  kind?: 'ROOM' | 'DIRECT';
}

interface RawSummary extends RawRoom {
  lastActivityAt: string | number | null;
  lastMessage: RoomSummary['lastMessage'];
  lastReadPosition: number;
  unreadCount: number;
}

function toRoom(raw: RawRoom): Room {
  const room: Room = { id: raw.id, name: raw.name, createdBy: raw.createdBy, createdAt: toMillis(raw.createdAt) };
  if (raw.visibility !== undefined) {
    room.visibility = raw.visibility;
  }
  if (raw.kind !== undefined) {
    room.kind = raw.kind;
  }
  return room;
}

function toSummary(raw: RawSummary): RoomSummary {
  const room = toRoom(raw);
  return {
    ...room,
    lastActivityAt: toMillis(raw.lastActivityAt) || room.createdAt,
    lastMessage: raw.lastMessage ?? null,
    lastReadPosition: raw.lastReadPosition ?? -1,
    unreadCount: raw.unreadCount ?? 0,
  };
}
