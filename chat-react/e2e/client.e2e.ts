import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRunProcess, nodeUrl, REPO } from './localRun';

/** Debian's Chromium; no test tool downloads a browser. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WAIT = { timeout: 30_000, interval: 100 };
const SCREENSHOT = join(REPO, 'docs', 'images', 'client.png');

let run: LocalRunProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
// Every run starts on a fresh database (--fresh), so plain names are unique, and the screenshot reads well.
const room = 'General';
let alice: Page;
let bob: Page;

async function userOn(node: number, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${nodeUrl(node)}/`);
  await page.getByLabel('Name').fill(username);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Rooms' }).waitFor();
  return page;
}

/** The contents of the room's messages, in the order shown. */
async function shown(page: Page): Promise<string[]> {
  return page.locator('[data-testid="message"] .content').allTextContents();
}

async function positions(page: Page): Promise<number[]> {
  const values = await page.locator('[data-testid="message"]').evaluateAll((items) =>
    items.map((item) => Number(item.getAttribute('data-position'))),
  );
  return values;
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByLabel('Message', { exact: true }).press('Enter');
}

beforeAll(async () => {
  run = await LocalRunProcess.start();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
});

afterAll(async () => {
  for (const context of contexts) {
    await context.close().catch(() => undefined);
  }
  await browser?.close().catch(() => undefined);
  await run?.stop();
});

describe('the browser client against a real local run', () => {
  it('two users on two nodes create and join a room and exchange messages', async () => {
    alice = await userOn(0, 'alice');
    bob = await userOn(1, 'bob');
    await alice.getByLabel('New room').fill(room);
    await alice.getByRole('button', { name: 'Create' }).click();
    await alice.getByRole('heading', { name: room }).waitFor();

    // Bob's list learns of the room from the room-created frame, on the other node.
    await bob.getByRole('button', { name: `Join ${room}` }).click();
    await bob.getByRole('heading', { name: room }).waitFor();

    await send(alice, 'Hello Bob, from node 1');
    await expect.poll(() => shown(bob), WAIT).toEqual(['Hello Bob, from node 1']);
    await send(bob, 'Hi Alice, from node 2');
    await expect.poll(() => shown(alice), WAIT).toEqual(['Hello Bob, from node 1', 'Hi Alice, from node 2']);
    await expect.poll(() => alice.locator('[data-testid="pending"]').count(), WAIT).toBe(0);

    mkdirSync(join(REPO, 'docs', 'images'), { recursive: true });
    await alice.screenshot({ path: SCREENSHOT });
  });

  it('alice opens a direct conversation with bob from the member list, and it reaches him live on the other node', async () => {
    // Bob is listed (online) among General's members: from the member list when the room opened, then presence.
    await alice.getByRole('button', { name: 'Message bob privately' }).click();
    const direct = /alice.*bob/;
    await alice.getByRole('heading', { name: direct }).waitFor();
    await send(alice, 'Just between us');
    // Only the two users' sockets get the conversation's room-created frame: Bob's list shows it as his.
    await bob.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: direct }).click();
    await expect.poll(() => shown(bob), WAIT).toEqual(['Just between us']);
    expect(await bob.getByRole('button', { name: /^Join alice/ }).count()).toBe(0);

    for (const page of [alice, bob]) {
      await page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: new RegExp(`^${room}`) }).click();
      await page.getByRole('heading', { name: room }).waitFor();
    }
  });

  it('alice creates a private room and adds bob by name; it appears in his list live, on the other node', async () => {
    const plans = 'Plans';
    await alice.getByLabel('New room').fill(plans);
    await alice.getByLabel('Private (members only)').check();
    await alice.getByRole('button', { name: 'Create' }).click();
    await alice.getByRole('heading', { name: plans }).waitFor();
    // Bob cannot see it: not in his list, not offered to join.
    expect(await bob.getByRole('button', { name: `Join ${plans}` }).count()).toBe(0);

    await alice.getByLabel('Add a member').fill('BOB');
    await alice.getByRole('button', { name: 'Add', exact: true }).click();
    await alice.getByRole('status').filter({ hasText: 'BOB is a member now' }).waitFor();
    await send(alice, 'Welcome to the plans');

    // The member-joined frame about him makes Bob's client fetch the room and list it as his.
    await bob.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: new RegExp(`^${plans}`) }).click();
    await bob.getByRole('heading', { name: plans }).waitFor();
    await expect.poll(() => shown(bob), WAIT).toEqual(['Welcome to the plans']);

    // A name nobody has is said so.
    await alice.getByLabel('Add a member').fill('nobody-here');
    await alice.getByRole('button', { name: 'Add', exact: true }).click();
    await alice.getByRole('alert').filter({ hasText: 'No user named "nobody-here"' }).waitFor();
    await alice.getByRole('button', { name: 'Dismiss the error' }).click();

    for (const page of [alice, bob]) {
      await page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: new RegExp(`^${room}`) }).click();
      await page.getByRole('heading', { name: room }).waitFor();
    }
  });

  it("serves the client's node list and lets the nodes' pages call each other's API (CORS)", async () => {
    const config = await (await fetch(`${nodeUrl(1)}/client-config.json`)).json();
    expect(config).toEqual({ nodes: [nodeUrl(0), nodeUrl(1)] });
    const preflight = (origin: string) =>
      fetch(`${nodeUrl(0)}/api/rooms`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight(nodeUrl(1));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(nodeUrl(1));
    expect((await preflight('http://evil.example')).status).toBe(403);
  });

  it('a client whose node is killed reconnects to the other node and shows every message once, in order', async () => {
    await run.fault('nodes/2/kill');
    await bob.getByTestId('connection-banner').waitFor({ timeout: 30_000 });
    // Sent while Bob is offline: he gets them by recovery on the other node.
    const during = ['during 1', 'during 2', 'during 3'];
    for (const text of during) {
      await send(alice, text);
    }
    // Bob writes while offline: pending, then sent with the same clientMessageId once he is back.
    await send(bob, 'written while offline');
    await bob.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 60_000 });
    await send(alice, 'after');
    const expected = ['Hello Bob, from node 1', 'Hi Alice, from node 2', ...during];
    await expect
      .poll(async () => {
        const texts = await shown(bob);
        return texts.filter((t) => expected.includes(t) || t === 'after' || t === 'written while offline');
      }, WAIT)
      .toHaveLength(expected.length + 2);
    const texts = await shown(bob);
    expect(texts.slice(0, expected.length)).toEqual(expected);
    expect(new Set(texts).size).toBe(texts.length);
    const bobPositions = await positions(bob);
    expect(bobPositions).toEqual([...bobPositions].sort((a, b) => a - b));
    await expect.poll(() => bob.locator('[data-testid="pending"]').count(), WAIT).toBe(0);
    await expect.poll(() => shown(alice), WAIT).toEqual(texts);
    await expect(bob.locator('.node').textContent()).resolves.toContain('node-1');
    // Its REST calls now go cross-origin to node 1 (room list on welcome): no error.
    expect(await bob.locator('.alert').count()).toBe(0);
  });

  it("shows the server's error for blank and over-long messages", async () => {
    await send(alice, '   ');
    await expect.poll(() => alice.getByTestId('room-error').textContent(), WAIT).toContain('non-blank');
    await send(alice, 'x'.repeat(4001));
    await expect.poll(() => alice.getByTestId('room-error').textContent(), WAIT).toContain('at most 4000 characters');
    const failed = alice.locator('[data-testid="pending"][data-status="failed"]');
    await expect.poll(() => failed.count(), WAIT).toBe(2);
    await expect(failed.last().getByRole('button', { name: 'Retry' }).isVisible()).resolves.toBe(true);
    expect(await shown(bob)).not.toContain('x'.repeat(4001));
  });

  it('scroll-back loads older messages page by page', async () => {
    const token = await alice.evaluate(() => JSON.parse(sessionStorage.getItem('chat.session') ?? '{}').token as string);
    const name = 'History';
    await alice.getByLabel('New room').fill(name);
    await alice.getByRole('button', { name: 'Create' }).click();
    await alice.getByRole('heading', { name }).waitFor();
    const historyRoom = { id: Number(await alice.getByRole('button', { name }).getAttribute('data-room-id')) };
    // 70 messages over the page's own socket (under the server's burst of 100 frames).
    const acked = await alice.evaluate(
      async ({ node, token, roomId }) => {
        // A single-use ticket for the socket: the login token never goes in a URL.
        const answer = await fetch(`${node}/api/ws-tickets`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
        const { ticket } = (await answer.json()) as { ticket: string };
        return new Promise<number>((resolve, reject) => {
          const socket = new WebSocket(`${node.replace('http', 'ws')}/ws?ticket=${encodeURIComponent(ticket)}`);
          socket.onclose = (event) => reject(new Error(`socket closed ${event.code}`));
          let acks = 0;
          socket.onmessage = (event) => {
            const frame = JSON.parse(event.data as string);
            if (frame.type === 'welcome') {
              socket.send(JSON.stringify({ type: 'join', id: 'j', roomId }));
            } else if (frame.type === 'joined') {
              for (let i = 1; i <= 70; i++) {
                socket.send(JSON.stringify({ type: 'send', roomId, clientMessageId: `seed-${i}`, content: `seed ${i}` }));
              }
            } else if (frame.type === 'ack' && ++acks === 70) {
              socket.close();
              resolve(acks);
            } else if (frame.type === 'error' || frame.type === 'nack') {
              reject(new Error(event.data as string));
            }
          };
        });
      },
      { node: nodeUrl(0), token, roomId: historyRoom.id },
    );
    expect(acked).toBe(70);
    // History is what the store has: wait until all 70 are stored.
    await expect
      .poll(async () => {
        const response = await fetch(`${nodeUrl(0)}/api/rooms/${historyRoom.id}/messages?limit=200`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return ((await response.json()) as { messages: unknown[] }).messages.length;
      }, WAIT)
      .toBe(70);

    await alice.reload();
    await alice.getByRole('button', { name }).click();
    await expect.poll(() => shown(alice), WAIT).toHaveLength(50);
    expect((await shown(alice))[0]).toBe('seed 21');
    // Scrolling to the top loads the older page.
    await alice.locator('ol.messages').evaluate((list) => {
      list.scrollTop = 0;
      list.dispatchEvent(new Event('scroll'));
    });
    await expect.poll(() => shown(alice), WAIT).toHaveLength(70);
    const texts = await shown(alice);
    expect(texts).toEqual(Array.from({ length: 70 }, (_, i) => `seed ${i + 1}`));
    await alice.getByText('Start of the room').waitFor();
  });

  it('on a phone-sized screen shows the room list and the open room in turn', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    contexts.push(context);
    const phone = await context.newPage();
    await phone.goto(`${nodeUrl(0)}/`);
    await phone.getByLabel('Name').fill('carol');
    await phone.getByRole('button', { name: 'Log in' }).click();
    const rooms = phone.getByRole('navigation', { name: 'Rooms' });
    await rooms.waitFor();
    await phone.getByLabel('New room').fill('Phone');
    await phone.getByLabel('New room').press('Enter');
    await phone.getByRole('heading', { name: 'Phone' }).waitFor();
    expect(await rooms.isVisible()).toBe(false);
    await send(phone, 'from a phone');
    await expect.poll(() => shown(phone), WAIT).toEqual(['from a phone']);
    await phone.getByRole('button', { name: 'Back to the rooms' }).click();
    await rooms.waitFor();
    expect(await phone.getByRole('heading', { name: 'Phone' }).isVisible()).toBe(false);
  });
});
