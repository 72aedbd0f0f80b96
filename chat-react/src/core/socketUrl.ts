import { ApiError } from './api';

/** What the socket URL needs: a single-use ticket from the node (the login token never goes in a URL). */
export interface SocketAuth {
  /** Asks `node` for a WebSocket ticket (POST /api/ws-tickets). */
  ticket: (node: string) => Promise<string>;
}

/** The login is no longer valid (401, or close code 4002/1008): ask the user to log in again. */
export class AuthExpiredError extends Error {
  constructor(message = 'Your session has expired; please log in again.') {
    super(message);
    this.name = 'AuthExpiredError';
  }
}

/**
 * The WebSocket URL of `node` (an http(s) base URL). The one place that knows how a
 * browser authenticates its socket: a short-lived single-use ticket from
 * `POST /api/ws-tickets` (docs/protocol.md). The login token itself never goes in a URL,
 * where proxies and access logs keep it; the server refuses `?access_token=`.
 */
export async function socketUrl(node: string, auth: SocketAuth): Promise<string> {
  const base = node.replace(/^http/, 'ws') + '/ws';
  try {
    const ticket = await auth.ticket(node);
    return `${base}?ticket=${encodeURIComponent(ticket)}`;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw new AuthExpiredError();
    }
    throw error;
  }
}
