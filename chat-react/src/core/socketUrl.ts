import { ApiError } from './api';

/** What the socket URL needs: the token and, where the server has them, single-use tickets. */
export interface SocketAuth {
  token: string;
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
 * browser authenticates its socket: a single-use ticket (CONTRACT, issue 14) where the
 * server issues them, else today's `?access_token=` (the server answers the ticket
 * endpoint with 404 then).
 */
export async function socketUrl(node: string, auth: SocketAuth): Promise<string> {
  const base = node.replace(/^http/, 'ws') + '/ws';
  try {
    const ticket = await auth.ticket(node);
    return `${base}?ticket=${encodeURIComponent(ticket)}`;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      return `${base}?access_token=${encodeURIComponent(auth.token)}`;
    }
    if (error instanceof ApiError && error.status === 401) {
      throw new AuthExpiredError();
    }
    throw error;
  }
}
