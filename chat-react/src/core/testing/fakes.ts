import type { WebSocketLike } from '../connection';
import type { ChatMessage } from '../types';

/** A WebSocket the test drives: it opens, receives and closes when told. */
export class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  closedByClient: number | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static last(): FakeSocket {
    const socket = FakeSocket.all[FakeSocket.all.length - 1];
    if (socket === undefined) {
      throw new Error('No socket was created');
    }
    return socket;
  }

  open(welcome: Record<string, unknown> = { userId: 1, username: 'alice', nodeId: 'node-1' }): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
    this.receive({ type: 'welcome', sessionId: 's', serverTime: 0, ...welcome });
  }

  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }

  /** The server (or the network) ends the socket. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' } as CloseEvent);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number): void {
    this.closedByClient = code ?? 1000;
    this.readyState = 3;
  }

  framesOf(type: string): Record<string, unknown>[] {
    return this.sent.filter((frame) => frame['type'] === type);
  }
}

export interface FakeCall {
  method: string;
  url: string;
  body: unknown;
  authorization: string | null;
}

type Handler = (call: FakeCall) => { status: number; body?: unknown } | 'unreachable';

/** A fetch answering from a routing function; records every call. */
export function fakeFetch(handler: Handler) {
  const calls: FakeCall[] = [];
  const fetchFn = async (url: string, init?: RequestInit): Promise<Response> => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call: FakeCall = {
      method: init?.method ?? 'GET',
      url,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: headers['Authorization'] ?? null,
    };
    calls.push(call);
    const answer = handler(call);
    if (answer === 'unreachable') {
      throw new TypeError('Failed to fetch');
    }
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      statusText: String(answer.status),
      headers: new Headers(),
      json: async () => answer.body,
    } as Response;
  };
  return { fetchFn, calls };
}

export function problem(status: number, code: string, detail = code): { status: number; body: unknown } {
  return { status, body: { status, code, detail } };
}

export function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

export function message(position: number, senderId = 2, content = `m${position}`, roomId = 7): ChatMessage {
  return {
    roomId,
    position,
    messageId: `id-${roomId}-${position}`,
    senderId,
    senderName: senderId === 1 ? 'alice' : 'bob',
    content,
    messageType: 'TEXT',
    serverTime: 1_000_000 + position,
  };
}
