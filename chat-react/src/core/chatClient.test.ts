import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatClient } from './chatClient';
import { MAX_SEND_ATTEMPTS } from './outbox';
import { type FakeCall, FakeSocket, fakeFetch, memoryStore, message, problem } from './testing/fakes';

const NODES = ['http://n1', 'http://n2'];
const ROOM = { id: 7, name: 'General', createdBy: 1, createdAt: '2025-06-01T12:00:00Z' };
const DIRECT = { id: 9, name: 'alice, bob', createdBy: 1, createdAt: '2025-06-01T12:05:00Z', visibility: 'PRIVATE', kind: 'DIRECT' };

interface Server {
  meRooms: 'ok' | 'missing';
  /** Fields that replace those of the listed room in GET /api/me/rooms. */
  meRoomsBody: Record<string, unknown>;
  history: (call: FakeCall) => { status: number; body?: unknown };
  down: Set<string>;
  unauthorized: boolean;
}

function setup(overrides: Partial<Server> = {}) {
  const server: Server = {
    meRooms: 'ok',
    meRoomsBody: {},
    history: () => ({ status: 200, body: { messages: [], nextBefore: null } }),
    down: new Set(),
    unauthorized: false,
    ...overrides,
  };
  let tickets = 0;
  const { fetchFn, calls } = fakeFetch((call) => {
    const url = new URL(call.url);
    if (server.down.has(url.origin)) {
      return 'unreachable';
    }
    if (url.pathname === '/api/auth/login') {
      return {
        status: 200,
        body: { token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 1, username: 'alice' } },
      };
    }
    if (server.unauthorized) {
      return problem(401, 'UNAUTHENTICATED');
    }
    if (url.pathname === '/api/ws-tickets') {
      return { status: 200, body: { ticket: 'ticket-' + (++tickets), expiresAt: new Date(Date.now() + 30_000).toISOString() } };
    }
    if (url.pathname === '/api/me/rooms') {
      return server.meRooms === 'missing'
        ? problem(404, 'NOT_FOUND')
        : {
            status: 200,
            body: {
              rooms: [
                { ...ROOM, lastActivityAt: ROOM.createdAt, lastMessage: null, lastReadPosition: 0, unreadCount: 3, ...server.meRoomsBody },
              ],
              nextCursor: null,
            },
          };
    }
    if (url.pathname === '/api/rooms' && call.method === 'GET') {
      return { status: 200, body: { rooms: [ROOM, { ...ROOM, id: 8, name: 'Random', createdBy: 2 }], nextAfter: null } };
    }
    if (url.pathname === '/api/rooms/7/members/me' && call.method === 'DELETE') {
      return { status: 204 };
    }
    if (url.pathname === '/api/rooms' && call.method === 'POST') {
      const body = call.body as { name: string; visibility: string };
      return { status: 201, body: { ...ROOM, id: 10, name: body.name, visibility: body.visibility, kind: 'ROOM' } };
    }
    if (url.pathname === '/api/direct/2' && call.method === 'POST') {
      return { status: 200, body: { ...DIRECT } };
    }
    if (url.pathname === '/api/rooms/7/members' && call.method === 'GET') {
      return {
        status: 200,
        body: {
          members: [
            { userId: 1, username: 'alice', joinedAt: ROOM.createdAt, lastReadPosition: 3, online: true },
            { userId: 2, username: 'bob', joinedAt: ROOM.createdAt, lastReadPosition: 20, online: true },
          ],
        },
      };
    }
    if (url.pathname === '/api/rooms/8/members' && call.method === 'POST') {
      return { status: 200, body: { roomId: 8, userId: 1, lastReadPosition: 0, joinedAt: ROOM.createdAt } };
    }
    if (url.pathname === '/api/users' && call.method === 'GET') {
      const prefix = (url.searchParams.get('prefix') ?? '').toLowerCase();
      const limit = Number(url.searchParams.get('limit') ?? '10');
      const users = [
        { id: 2, username: 'bob' },
        { id: 3, username: 'Bobby' },
        { id: 4, username: 'carol' },
      ].filter((u) => u.username.toLowerCase().startsWith(prefix));
      return { status: 200, body: { users: users.slice(0, limit) } };
    }
    if (url.pathname === '/api/rooms/11' && call.method === 'GET') {
      return { status: 200, body: { id: 11, name: 'Secret plans', createdBy: 2, createdAt: ROOM.createdAt, visibility: 'PRIVATE', kind: 'ROOM' } };
    }
    if (/^\/api\/rooms\/7\/members\/\d+$/.test(url.pathname) && call.method === 'POST') {
      return { status: 200, body: { roomId: 7, userId: Number(url.pathname.split('/').pop()), lastReadPosition: -1, joinedAt: ROOM.createdAt } };
    }
    if (url.pathname.endsWith('/messages')) {
      return server.history(call);
    }
    return problem(404, 'NOT_FOUND');
  });
  const sessionStore = memoryStore();
  const roomStore = memoryStore();
  let ids = 0;
  const client = new ChatClient({
    nodes: NODES,
    fetch: fetchFn,
    createSocket: (url) => new FakeSocket(url),
    sessionStore,
    roomStore,
    newId: () => `cm-${++ids}`,
    random: () => 0,
  });
  return { client, calls, server, sessionStore, roomStore };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

async function loggedIn(overrides: Partial<Server> = {}) {
  const env = setup(overrides);
  await env.client.login('alice', null);
  await flush();
  const socket = FakeSocket.last();
  socket.open();
  await flush();
  return { ...env, socket };
}

/** Answers the socket's latest join of `roomId`. */
function answerJoin(socket: FakeSocket, roomId = 7, result = 'NONE', count = 0) {
  const join = socket.framesOf('join').filter((f) => f['roomId'] === roomId).pop();
  expect(join).toBeDefined();
  socket.receive({ type: 'joined', id: join?.['id'], roomId, recovery: { result, count } });
  return join as Record<string, unknown>;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatClient', () => {
  it('logs in, connects with the token and joins my rooms', async () => {
    const { client, socket } = await loggedIn();
    expect(socket.url).toMatch(/^ws:\/\/n1\/ws\?ticket=ticket-\d+$/);
    expect(client.getSnapshot().myRooms.map((r) => r.name)).toEqual(['General']);
    expect(client.getSnapshot().myRooms[0]?.unreadCount).toBe(3);
    expect(client.getSnapshot().connection).toMatchObject({ state: 'open', nodeId: 'node-1' });
    answerJoin(socket);
    expect(client.getSnapshot().rooms[7]?.joinState).toBe('joined');
  });

  it('orders live messages by position and shows each messageId once', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    for (const position of [5, 3, 5, 9, 3]) {
      socket.receive({ type: 'message', ...message(position) });
    }
    expect(client.getSnapshot().rooms[7]?.messages.map((m) => m.position)).toEqual([3, 5, 9]);
    expect(client.getSnapshot().myRooms[0]).toMatchObject({ unreadCount: 6, lastMessage: { position: 9 } });
  });

  it('shows a sent message as pending until its ack, then at its position', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    const id = client.send(7, 'hello');
    const send = socket.framesOf('send')[0];
    expect(send).toMatchObject({ roomId: 7, clientMessageId: id, content: 'hello' });
    expect(client.getSnapshot().rooms[7]?.pending).toMatchObject([{ clientMessageId: id, status: 'sending' }]);
    socket.receive({ type: 'ack', id: send?.['id'], roomId: 7, clientMessageId: id, messageId: 'mid', position: 42 });
    const room = client.getSnapshot().rooms[7];
    expect(room?.pending).toEqual([]);
    expect(room?.messages).toMatchObject([{ position: 42, messageId: 'mid', content: 'hello', senderId: 1 }]);
    socket.receive({ type: 'message', ...message(42, 1, 'hello'), messageId: 'mid' });
    expect(client.getSnapshot().rooms[7]?.messages).toHaveLength(1);
  });

  it('retries a nacked message with the same clientMessageId, then fails with a retry button', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    const id = client.send(7, 'hello');
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      const sends = socket.framesOf('send');
      expect(sends).toHaveLength(attempt);
      const last = sends[sends.length - 1];
      expect(last?.['clientMessageId']).toBe(id);
      socket.receive({ type: 'nack', id: last?.['id'], roomId: 7, clientMessageId: id, code: 'BROKER_UNAVAILABLE', message: 'no broker' });
      await vi.advanceTimersByTimeAsync(20_000);
    }
    expect(socket.framesOf('send')).toHaveLength(MAX_SEND_ATTEMPTS);
    expect(client.getSnapshot().rooms[7]?.pending[0]).toMatchObject({ status: 'failed', error: 'BROKER_UNAVAILABLE: no broker' });
    client.retry(7, id);
    expect(socket.framesOf('send')).toHaveLength(MAX_SEND_ATTEMPTS + 1);
    expect(socket.framesOf('send').every((f) => f['clientMessageId'] === id)).toBe(true);
  });

  it("shows the server's error for content it refuses, without retrying", async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    client.send(7, 'x'.repeat(5000));
    const send = socket.framesOf('send')[0];
    socket.receive({ type: 'error', id: send?.['id'], code: 'INVALID_FRAME', message: "Field 'content' is too long" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.framesOf('send')).toHaveLength(1);
    const room = client.getSnapshot().rooms[7];
    expect(room?.pending[0]).toMatchObject({ status: 'failed', error: "INVALID_FRAME: Field 'content' is too long" });
    expect(room?.error).toBe("INVALID_FRAME: Field 'content' is too long");
  });

  it('after a lost connection re-joins with the last position, merges the recovery and re-sends unacked messages', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    socket.receive({ type: 'message', ...message(10) });
    const id = client.send(7, 'unacked');
    socket.drop(1006);
    expect(client.getSnapshot().connection.state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1000);
    const again = FakeSocket.last();
    expect(again).not.toBe(socket);
    expect(again.url).toMatch(/^ws:\/\/n1\/ws\?ticket=ticket-\d+$/);
    expect(again.url).not.toBe(socket.url);
    again.open();
    await flush();
    const join = answerJoin(again, 7, 'RECOVERED', 2);
    expect(join['lastSeenPosition']).toBe(10);
    again.receive({ type: 'message', ...message(12) });
    again.receive({ type: 'message', ...message(10) });
    again.receive({ type: 'message', ...message(15) });
    expect(client.getSnapshot().rooms[7]?.messages.map((m) => m.position)).toEqual([10, 12, 15]);
    expect(again.framesOf('send')).toMatchObject([{ clientMessageId: id, content: 'unacked' }]);
  });

  it('fails over to the next node when its node is gone', async () => {
    const { client, socket, server } = await loggedIn();
    server.down.add('http://n1');
    socket.drop(1006);
    await vi.advanceTimersByTimeAsync(300);
    // The same node first (refused), then the next one.
    FakeSocket.last().drop(1006);
    await vi.advanceTimersByTimeAsync(2000);
    const next = FakeSocket.last();
    expect(next.url).toMatch(/^ws:\/\/n2\/ws\?ticket=ticket-\d+$/);
    next.open({ userId: 1, username: 'alice', nodeId: 'node-2' });
    await flush();
    expect(client.getSnapshot().connection).toMatchObject({ state: 'open', node: 'http://n2', nodeId: 'node-2', attempt: 0 });
  });

  it('TOO_OLD: reloads the latest history page and merges it by position', async () => {
    const { client, socket, server, calls } = await loggedIn();
    answerJoin(socket);
    socket.receive({ type: 'message', ...message(3) });
    socket.drop(1006);
    await vi.advanceTimersByTimeAsync(1000);
    const again = FakeSocket.last();
    server.history = () => ({ status: 200, body: { messages: [message(2000), message(2001)], nextBefore: 2000 } });
    again.open();
    await flush();
    answerJoin(again, 7, 'TOO_OLD');
    again.receive({ type: 'message', ...message(2002) });
    again.receive({ type: 'message', ...message(2001) });
    await flush();
    expect(calls.some((c) => c.url === 'http://n1/api/rooms/7/messages?limit=50')).toBe(true);
    const room = client.getSnapshot().rooms[7];
    expect(room?.messages.map((m) => m.position)).toEqual([2000, 2001, 2002]);
    expect(room?.history.nextBefore).toBe(2000);
  });

  it('UNAVAILABLE: retries the history reload with backoff', async () => {
    let answers = 0;
    const { client, socket } = await loggedIn({
      history: () => (++answers < 3 ? problem(500, 'INTERNAL_ERROR') : { status: 200, body: { messages: [message(5)], nextBefore: null } }),
    });
    answerJoin(socket, 7, 'UNAVAILABLE');
    await flush();
    expect(client.getSnapshot().rooms[7]?.error).toMatch(/retrying/);
    await vi.advanceTimersByTimeAsync(5000);
    expect(answers).toBe(3);
    expect(client.getSnapshot().rooms[7]).toMatchObject({ error: null, messages: [{ position: 5 }] });
  });

  it('loads history newest page first, then older pages by cursor', async () => {
    const { client, calls } = await loggedIn({
      history: (call) =>
        call.url.includes('before=100')
          ? { status: 200, body: { messages: [message(50), message(60)], nextBefore: null } }
          : { status: 200, body: { messages: [message(100), message(110)], nextBefore: 100 } },
    });
    client.openRoom(7);
    await flush();
    await client.loadOlder(7);
    await client.loadOlder(7);
    expect(calls.filter((c) => c.url.includes('/messages')).map((c) => c.url)).toEqual([
      'http://n1/api/rooms/7/messages?limit=50',
      'http://n1/api/rooms/7/messages?before=100&limit=50',
    ]);
    expect(client.getSnapshot().rooms[7]?.messages.map((m) => m.position)).toEqual([50, 60, 100, 110]);
  });

  it('asks to log in again on close 4002 and does not reconnect', async () => {
    const { client, socket, sessionStore } = await loggedIn();
    socket.drop(4002);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(client.getSnapshot()).toMatchObject({ session: null, notice: expect.stringMatching(/log in again/) });
    expect(sessionStore.getItem('chat.session')).toBeNull();
  });

  it('asks to log in again when REST answers 401', async () => {
    const { client, server } = await loggedIn();
    server.unauthorized = true;
    await client.createRoom('x');
    expect(client.getSnapshot().session).toBeNull();
    expect(client.getSnapshot().notice).toMatch(/log in again/);
  });

  it('falls back to GET /api/rooms and the rooms joined here when /api/me/rooms is missing', async () => {
    const { client, socket, roomStore } = await loggedIn({ meRooms: 'missing' });
    expect(client.getSnapshot()).toMatchObject({ myRoomsSource: 'local', myRooms: [] });
    expect(client.getSnapshot().allRooms.map((r) => r.id)).toEqual([7, 8]);
    await client.joinRoom(8);
    expect(client.getSnapshot().myRooms.map((r) => r.id)).toEqual([8]);
    expect(roomStore.getItem('chat.rooms.1')).toBe('[8]');
    expect(socket.framesOf('join').map((f) => f['roomId'])).toEqual([8]);
  });

  it('room-created frames update the lists live', async () => {
    const { client, socket } = await loggedIn();
    socket.receive({ type: 'room-created', room: { id: 20, name: 'Other', createdBy: 2, createdAt: 5 } });
    socket.receive({ type: 'room-created', room: { id: 21, name: 'Mine', createdBy: 1, createdAt: 6 } });
    expect(client.getSnapshot().allRooms.map((r) => r.id)).toContain(20);
    expect(client.getSnapshot().myRooms.map((r) => r.id)).toEqual(expect.arrayContaining([7, 21]));
    expect(client.getSnapshot().myRooms.map((r) => r.id)).not.toContain(20);
  });

  it('leave: leaves over REST and on the socket, and forgets the room', async () => {
    const { client, socket, calls } = await loggedIn();
    answerJoin(socket);
    client.openRoom(7);
    await client.leaveRoom(7);
    expect(calls.some((c) => c.method === 'DELETE' && c.url === 'http://n1/api/rooms/7/members/me')).toBe(true);
    expect(socket.framesOf('leave')).toMatchObject([{ roomId: 7 }]);
    expect(client.getSnapshot()).toMatchObject({ myRooms: [], openRoomId: null });
    expect(client.getSnapshot().rooms[7]).toBeUndefined();
  });

  it('logout closes the socket, forgets the login and does not reconnect', async () => {
    const { client, socket, sessionStore } = await loggedIn();
    client.logout();
    expect(socket.closedByClient).toBe(1000);
    expect(sessionStore.getItem('chat.session')).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(client.getSnapshot()).toMatchObject({ session: null, notice: null, myRooms: [] });
  });

  it('resumes the login kept in the tab, unless it has expired', async () => {
    const first = await loggedIn();
    const session = first.sessionStore.getItem('chat.session');
    const again = setup();
    again.sessionStore.setItem('chat.session', session as string);
    again.client.resume();
    expect(again.client.getSnapshot().session?.user.username).toBe('alice');
    const expired = setup();
    expired.sessionStore.setItem('chat.session', JSON.stringify({ ...JSON.parse(session as string), expiresAt: Date.now() - 1 }));
    expired.client.resume();
    expect(expired.client.getSnapshot().session).toBeNull();
    expect(expired.sessionStore.getItem('chat.session')).toBeNull();
  });

  it('ends the session when the token expires', async () => {
    const { client } = await loggedIn();
    await vi.advanceTimersByTimeAsync(3_600_001);
    expect(client.getSnapshot()).toMatchObject({ session: null, notice: expect.stringMatching(/expired/) });
  });

  it('removed: the room leaves my list', async () => {
    const { client, socket } = await loggedIn();
    socket.receive({ type: 'removed', roomId: 7, reason: 'LEFT' });
    expect(client.getSnapshot().myRooms).toEqual([]);
  });

  it('unread: reading a room marks it read and tells the server; read-state from another device resets the count', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    socket.receive({ type: 'message', ...message(20) });
    expect(client.getSnapshot().myRooms[0]?.unreadCount).toBe(4);
    socket.receive({ type: 'read-state', roomId: 7, lastReadPosition: 20 });
    expect(client.getSnapshot().myRooms[0]).toMatchObject({ unreadCount: 0, lastReadPosition: 20 });
    socket.receive({ type: 'message', ...message(21) });
    expect(client.getSnapshot().myRooms[0]?.unreadCount).toBe(1);
    client.openRoom(7);
    await flush();
    expect(client.getSnapshot().myRooms[0]?.unreadCount).toBe(0);
    expect(socket.framesOf('read').pop()).toMatchObject({ roomId: 7, position: 21 });
    socket.receive({ type: 'message', ...message(22) });
    expect(client.getSnapshot().myRooms[0]?.unreadCount).toBe(0);
    expect(socket.framesOf('read').pop()).toMatchObject({ position: 22 });
  });

  it('stops sending read and typing frames to a server that does not know them', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    socket.receive({ type: 'message', ...message(20) });
    client.openRoom(7);
    await flush();
    const read = socket.framesOf('read')[0];
    socket.receive({ type: 'error', id: read?.['id'], code: 'UNKNOWN_TYPE', message: 'Unknown type' });
    client.typing(7);
    const typing = socket.framesOf('typing')[0];
    socket.receive({ type: 'error', id: typing?.['id'], code: 'UNKNOWN_TYPE', message: 'Unknown type' });
    expect(client.getSnapshot().features).toEqual({ read: false, typing: false });
    await vi.advanceTimersByTimeAsync(10_000);
    client.typing(7);
    socket.receive({ type: 'message', ...message(21) });
    expect(socket.framesOf('typing')).toHaveLength(1);
    expect(socket.framesOf('read')).toHaveLength(1);
    expect(client.getSnapshot().myRooms[0]?.unreadCount).toBe(0);
  });

  it('typing: throttled when sending; shown until it expires or that user sends a message', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    client.typing(7);
    client.typing(7);
    expect(socket.framesOf('typing')).toHaveLength(1);
    socket.receive({ type: 'typing', roomId: 7, userId: 2, username: 'bob', expiresInMs: 5000 });
    socket.receive({ type: 'typing', roomId: 7, userId: 3, username: 'carol', expiresInMs: 5000 });
    expect(Object.keys(client.getSnapshot().rooms[7]?.typing ?? {})).toEqual(['2', '3']);
    socket.receive({ type: 'message', ...message(30, 2) });
    expect(Object.keys(client.getSnapshot().rooms[7]?.typing ?? {})).toEqual(['3']);
    await vi.advanceTimersByTimeAsync(5001);
    expect(client.getSnapshot().rooms[7]?.typing).toEqual({});
  });

  it('presence and read receipts per member; receipts never move back', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    socket.receive({ type: 'presence', roomId: 7, userId: 2, username: 'bob', online: true });
    socket.receive({ type: 'read-receipt', roomId: 7, userId: 2, username: 'bob', lastReadPosition: 40 });
    socket.receive({ type: 'read-receipt', roomId: 7, userId: 2, username: 'bob', lastReadPosition: 30 });
    expect(client.getSnapshot().rooms[7]?.presence[2]).toEqual({ username: 'bob', online: true });
    expect(client.getSnapshot().rooms[7]?.receipts[2]).toEqual({ username: 'bob', lastReadPosition: 40 });
    socket.receive({ type: 'presence', roomId: 7, userId: 2, username: 'bob', online: false });
    expect(client.getSnapshot().rooms[7]?.presence[2]?.online).toBe(false);
  });

  it('a REST call goes to the next node when its node cannot be reached', async () => {
    const { client, server, calls } = await loggedIn();
    server.down.add('http://n1');
    await client.joinRoom(8);
    const joins = calls
      .filter((c) => c.url.endsWith('/api/rooms/8/members') && c.method === 'POST')
      .map((c) => c.url);
    expect(joins).toEqual(['http://n1/api/rooms/8/members', 'http://n2/api/rooms/8/members']);
    expect(client.getSnapshot().error).toBeNull();
  });

  it('seeds who is online and who read what from the member list when a room opens', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    client.openRoom(7);
    await flush();
    expect(client.getSnapshot().rooms[7]?.presence).toEqual({ 2: { username: 'bob', online: true } });
    expect(client.getSnapshot().rooms[7]?.receipts[2]).toEqual({ username: 'bob', lastReadPosition: 20 });
  });

  it('opens a direct conversation with one call, lists it as mine and joins it on the socket', async () => {
    const { client, socket, calls } = await loggedIn();
    answerJoin(socket);
    const room = await client.openDirect(2);
    await flush();
    expect(room).toMatchObject({ id: 9, kind: 'DIRECT', visibility: 'PRIVATE' });
    expect(calls.filter((c) => c.url.endsWith('/api/direct/2')).map((c) => c.method)).toEqual(['POST']);
    expect(client.getSnapshot().openRoomId).toBe(9);
    expect(client.getSnapshot().myRooms.map((r) => r.id)).toContain(9);
    expect(client.getSnapshot().allRooms.map((r) => r.id)).not.toContain(9);
    expect(socket.framesOf('join').map((f) => f['roomId'])).toContain(9);
  });

  it('creates a private room without offering it in the directory', async () => {
    const { client, calls } = await loggedIn();
    await client.createRoom('Secret', 'PRIVATE');
    const create = calls.find((c) => c.url.endsWith('/api/rooms') && c.method === 'POST');
    expect(create?.body).toMatchObject({ name: 'Secret', visibility: 'PRIVATE' });
    expect(client.getSnapshot().myRooms.map((r) => r.id)).toContain(10);
    expect(client.getSnapshot().allRooms.map((r) => r.id)).not.toContain(10);
  });

  it('a direct conversation someone opened with me arrives as mine, joined, and never in the directory', async () => {
    const { client, socket } = await loggedIn();
    answerJoin(socket);
    socket.receive({ type: 'room-created', room: { ...DIRECT, createdBy: 2, createdAt: 1748779500000 } });
    expect(client.getSnapshot().myRooms.map((r) => r.id)).toContain(9);
    expect(client.getSnapshot().allRooms.map((r) => r.id)).not.toContain(9);
    expect(socket.framesOf('join').map((f) => f['roomId'])).toContain(9);
  });

  it('learns of a new member (online or not, how far they read) when member-joined arrives', async () => {
    const { client, socket, calls } = await loggedIn();
    answerJoin(socket);
    const before = calls.filter((c) => c.url.endsWith('/api/rooms/7/members')).length;
    socket.receive({ type: 'member-joined', roomId: 7, userId: 2, username: 'bob', joinedAt: 1748779600000 });
    await flush();
    expect(calls.filter((c) => c.url.endsWith('/api/rooms/7/members')).length).toBe(before + 1);
    expect(client.getSnapshot().rooms[7]?.presence[2]).toEqual({ username: 'bob', online: true });
  });

  it('added to a private room elsewhere: member-joined about me fetches the room, lists it as mine and joins it', async () => {
    const { client, socket, calls } = await loggedIn();
    answerJoin(socket);
    socket.receive({ type: 'member-joined', roomId: 11, userId: 1, username: 'alice', joinedAt: 1748779600000 });
    await flush();
    expect(calls.filter((c) => c.url.endsWith('/api/rooms/11')).map((c) => c.method)).toEqual(['GET']);
    expect(client.getSnapshot().myRooms.find((r) => r.id === 11)).toMatchObject({ name: 'Secret plans', visibility: 'PRIVATE' });
    expect(client.getSnapshot().allRooms.map((r) => r.id)).not.toContain(11);
    expect(socket.framesOf('join').map((f) => f['roomId'])).toContain(11);

    // About me again, for a room already mine: nothing to fetch.
    socket.receive({ type: 'member-joined', roomId: 11, userId: 1, username: 'alice', joinedAt: 1748779600000 });
    await flush();
    expect(calls.filter((c) => c.url.endsWith('/api/rooms/11'))).toHaveLength(1);
  });

  it('suggests users by the start of their name, and nobody for what the server would refuse', async () => {
    const { client, calls } = await loggedIn();
    expect((await client.searchUsers('bo')).map((u) => u.username)).toEqual(['bob', 'Bobby']);
    const searches = calls.filter((c) => c.url.includes('/api/users')).length;
    expect(await client.searchUsers('-bo')).toEqual([]);
    expect(await client.searchUsers('bo b')).toEqual([]);
    expect(calls.filter((c) => c.url.includes('/api/users'))).toHaveLength(searches);
  });

  it('adds a member by exact name (any case), and says so when nobody has the name', async () => {
    const { client, calls } = await loggedIn();
    expect(await client.addMember(7, 'BOB')).toBe(true);
    expect(calls.filter((c) => /\/api\/rooms\/7\/members\/\d+$/.test(c.url)).map((c) => c.url)).toEqual([
      'http://n1/api/rooms/7/members/2',
    ]);
    expect(client.getSnapshot().error).toBeNull();

    expect(await client.addMember(7, 'bo')).toBe(false);
    expect(client.getSnapshot().error).toBe('No user named "bo"');
    expect(calls.filter((c) => /\/api\/rooms\/7\/members\/\d+$/.test(c.url))).toHaveLength(1);
  });

  it('opens a direct conversation by name', async () => {
    const { client, socket, calls } = await loggedIn();
    answerJoin(socket);
    const room = await client.openDirectWith('bob');
    expect(room).toMatchObject({ id: 9, kind: 'DIRECT' });
    expect(calls.filter((c) => c.url.endsWith('/api/direct/2')).map((c) => c.method)).toEqual(['POST']);
    expect(await client.openDirectWith('nobody')).toBeUndefined();
    expect(client.getSnapshot().error).toBe('No user named "nobody"');
  });

  it('joins a room with no message known with -1, so messages sent while it joins are recovered, not missed', async () => {
    const { client, socket } = await loggedIn();
    socket.receive({ type: 'room-created', room: { id: 21, name: 'Mine', createdBy: 1, createdAt: 6 } });
    const join = answerJoin(socket, 21, 'RECOVERED', 1);
    expect(join['lastSeenPosition']).toBe(-1);
    socket.receive({ type: 'message', ...message(4, 2, 'sent while I joined', 21) });
    expect(client.getSnapshot().rooms[21]?.messages.map((m) => m.content)).toEqual(['sent while I joined']);

    // Once a message is shown, a join asks for what came after it.
    socket.drop(1006);
    await vi.advanceTimersByTimeAsync(1000);
    const again = FakeSocket.last();
    expect(again).not.toBe(socket);
    again.open();
    await flush();
    expect(again.framesOf('join').find((f) => f['roomId'] === 21)?.['lastSeenPosition']).toBe(4);
  });

  it('joins a room whose listing shows a last message without a position: live only, then the latest page', async () => {
    const { socket } = await loggedIn({
      meRoomsBody: { lastMessage: { position: 9, messageId: 'id-7-9', senderId: 2, senderName: 'bob', preview: 'hi', sentAt: 1 } },
    });
    const join = socket.framesOf('join').find((f) => f['roomId'] === 7);
    expect(join).toBeDefined();
    expect(join).not.toHaveProperty('lastSeenPosition');
  });
});
