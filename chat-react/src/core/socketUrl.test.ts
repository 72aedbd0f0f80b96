import { describe, expect, it } from 'vitest';
import { Api } from './api';
import { AuthExpiredError, socketUrl } from './socketUrl';
import { fakeFetch, problem } from './testing/fakes';

describe('socketUrl', () => {
  it('uses a single-use ticket where the server issues them', async () => {
    const { fetchFn, calls } = fakeFetch(() => ({ status: 200, body: { ticket: 't/1+', expiresAt: 'x' } }));
    const api = new Api(['https://a.example'], fetchFn, () => 'tok');
    const url = await socketUrl('https://a.example', { ticket: (n) => api.wsTicket(n) });
    expect(url).toBe('wss://a.example/ws?ticket=t%2F1%2B');
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'https://a.example/api/ws-tickets', authorization: 'Bearer tok' });
  });

  it('never puts the login token in the URL, even when the node issues no ticket', async () => {
    const { fetchFn } = fakeFetch(() => problem(404, 'NOT_FOUND'));
    const api = new Api(['http://127.0.0.1:8080'], fetchFn, () => 'a b');
    await expect(socketUrl('http://127.0.0.1:8080', { ticket: (n) => api.wsTicket(n) })).rejects.toThrow();
  });

  it('asks for a new login when the ticket endpoint answers 401', async () => {
    const { fetchFn } = fakeFetch(() => problem(401, 'UNAUTHENTICATED'));
    const api = new Api(['http://n'], fetchFn, () => 'old');
    await expect(socketUrl('http://n', { ticket: (n) => api.wsTicket(n) })).rejects.toBeInstanceOf(
      AuthExpiredError,
    );
  });

  it('fails (so the connection tries another node) when the node is unreachable', async () => {
    const { fetchFn } = fakeFetch(() => 'unreachable');
    const api = new Api(['http://n'], fetchFn, () => 't');
    await expect(socketUrl('http://n', { ticket: (n) => api.wsTicket(n) })).rejects.toThrow(/unreachable/);
  });
});
