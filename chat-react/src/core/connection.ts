import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { AuthExpiredError } from './socketUrl';

/** The part of the browser's WebSocket the client uses (tests pass a fake). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type ConnectionState = 'connecting' | 'open' | 'waiting' | 'stopped';

export interface ConnectionStatus {
  state: ConnectionState;
  /** The node of the current (or last) socket. */
  node: string | null;
  /** Failed attempts since the last healthy socket. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while waiting. */
  retryAt: number | null;
  /** Why the last socket ended, for the banner. */
  lastError: string | null;
}

export interface ConnectionListener {
  status(status: ConnectionStatus): void;
  /** A socket opened to `node`; frames may be sent. */
  opened(node: string): void;
  frame(frame: Record<string, unknown>): void;
  /** The socket ended; the connection reconnects by itself unless it was stopped. */
  closed(code: number): void;
  /** Close 4002/1008, or the socket URL could not be had with this token: do not reconnect. */
  authExpired(): void;
}

export interface ConnectionOptions {
  nodes: readonly string[];
  socketUrl: (node: string) => Promise<string>;
  createSocket: (url: string) => WebSocketLike;
  listener: ConnectionListener;
  random?: () => number;
  now?: () => number;
  backoff?: BackoffPolicy;
  /** Client `ping` interval; a socket silent for `silenceMs` is taken as dead. */
  pingMs?: number;
  silenceMs?: number;
}

/** Close codes after which the same token must not reconnect (docs/protocol.md; 4002 from CONTRACT). */
const AUTH_CLOSE_CODES = new Set([4002, 1008]);

/** Our own close when a socket went silent (no frame for silenceMs); in the private range. */
export const CLOSE_SILENT = 4900;

const OPEN = 1;

/**
 * One WebSocket at a time to one of several nodes, reconnected with backoff and jitter.
 * Attempt k after a drop goes to node (current + k) mod n: first the same node, then the
 * next ones, so a dead node is left after one refused attempt.
 */
export class Connection {
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly pingMs: number;
  private readonly silenceMs: number;
  private socket: WebSocketLike | null = null;
  private nodeIndex = 0;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastFrameAt = 0;
  /** Ends the current socket as if it had closed with this code. */
  private dropSocket: ((code: number) => void) | null = null;
  private generation = 0;
  private statusValue: ConnectionStatus = {
    state: 'stopped',
    node: null,
    attempt: 0,
    retryAt: null,
    lastError: null,
  };

  constructor(private readonly options: ConnectionOptions) {
    if (options.nodes.length === 0) {
      throw new Error('At least one node URL is needed');
    }
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.pingMs = options.pingMs ?? 20_000;
    this.silenceMs = options.silenceMs ?? 50_000;
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  start(): void {
    if (this.statusValue.state !== 'stopped') {
      return;
    }
    this.attempt = 0;
    void this.connect();
  }

  stop(): void {
    this.generation++;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    this.dropSocket = null;
    if (socket !== null) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000, 'logout');
    }
    this.setStatus({ state: 'stopped', retryAt: null });
  }

  /** Skips the wait before the next attempt. */
  retryNow(): void {
    if (this.statusValue.state === 'waiting') {
      this.clearTimers();
      void this.connect();
    }
  }

  /** Sends a frame if a socket is open; false otherwise (the caller keeps it for later). */
  send(frame: object): boolean {
    const socket = this.socket;
    if (socket === null || socket.readyState !== OPEN || this.statusValue.state !== 'open') {
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    const node = this.options.nodes[this.nodeIndex] as string;
    this.setStatus({ state: 'connecting', node, retryAt: null });
    let url: string;
    try {
      url = await this.options.socketUrl(node);
    } catch (error) {
      if (generation !== this.generation) {
        return;
      }
      if (error instanceof AuthExpiredError) {
        this.expire();
        return;
      }
      this.scheduleReconnect(`could not reach ${node}`);
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    const socket = this.options.createSocket(url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      if (generation !== this.generation) {
        return;
      }
      opened = true;
      this.lastFrameAt = this.now();
      this.setStatus({ state: 'open', lastError: null });
      this.startHeartbeat(generation);
      this.options.listener.opened(node);
    };
    socket.onmessage = (event) => {
      if (generation !== this.generation || typeof event.data !== 'string') {
        return;
      }
      this.lastFrameAt = this.now();
      let frame: unknown;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame !== null && typeof frame === 'object') {
        if ((frame as { type?: unknown }).type === 'welcome') {
          // A socket that the node greets is healthy: the next drop starts the backoff anew.
          this.attempt = 0;
          this.setStatus({ attempt: 0 });
        }
        this.options.listener.frame(frame as Record<string, unknown>);
      }
    };
    socket.onerror = () => {
      // Always followed by onclose, which decides.
    };
    const closed = (code: number) => {
      if (generation !== this.generation) {
        return;
      }
      this.socket = null;
      this.dropSocket = null;
      this.clearTimers();
      if (opened) {
        this.options.listener.closed(code);
      }
      if (AUTH_CLOSE_CODES.has(code)) {
        this.expire();
        return;
      }
      this.scheduleReconnect(opened ? `connection to ${node} lost (${code})` : `could not connect to ${node}`);
    };
    this.dropSocket = closed;
    socket.onclose = (event) => closed(event.code);
  }

  private scheduleReconnect(reason: string): void {
    const delay = backoffDelay(this.attempt, this.random, this.backoff);
    this.nodeIndex = (this.nodeIndex + (this.attempt === 0 ? 0 : 1)) % this.options.nodes.length;
    this.attempt++;
    const generation = ++this.generation;
    this.setStatus({ state: 'waiting', attempt: this.attempt, retryAt: this.now() + delay, lastError: reason });
    this.timer = setTimeout(() => {
      if (generation === this.generation) {
        void this.connect();
      }
    }, delay);
  }

  private startHeartbeat(generation: number): void {
    this.heartbeat = setInterval(() => {
      if (generation !== this.generation) {
        return;
      }
      if (this.now() - this.lastFrameAt > this.silenceMs) {
        // A half-open TCP connection never closes by itself: drop it and reconnect.
        this.socket?.close(CLOSE_SILENT, 'silent');
        this.dropSocket?.(CLOSE_SILENT);
        return;
      }
      this.send({ type: 'ping' });
    }, this.pingMs);
  }

  private expire(): void {
    this.stop();
    this.options.listener.authExpired();
  }

  private clearTimers(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.heartbeat !== null) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private setStatus(change: Partial<ConnectionStatus>): void {
    this.statusValue = { ...this.statusValue, ...change };
    this.options.listener.status(this.statusValue);
  }
}
