import { backoffDelay } from './backoff';
import type { PendingMessage, RoomState } from './roomState';
import type { ChatMessage, ServerFrame, User } from './types';

/** Sends of one message without an ack before it shows as failed with a retry button. */
export const MAX_SEND_ATTEMPTS = 5;

/** What the outbox needs of the client around it. */
export interface OutboxHost {
  room(roomId: number): RoomState | undefined;
  updateRoom(roomId: number, change: (room: RoomState) => RoomState): void;
  /** Sends a frame on the open socket; false when there is none. */
  sendFrame(frame: object): boolean;
  /** Shows acked messages at their positions. */
  showMessages(roomId: number, messages: ChatMessage[]): void;
  /** The socket was told it has not joined the room: join it again (pending sends follow the join). */
  rejoin(roomId: number): void;
  me(): User | null;
  nextId(prefix: string): string;
  later(delay: number, action: () => void): void;
  random(): number;
  now(): number;
}

/**
 * My unacked messages: each pending (shown as "Sending…") until its `ack`, re-sent with the
 * same clientMessageId after a `nack` (with backoff, up to MAX_SEND_ATTEMPTS) and after every
 * re-join, and failed with the server's reason when it gives up or refuses the content.
 * The pending messages live in each room's state; this class owns the socket-side bookkeeping.
 */
export class Outbox {
  /** Frame id of each send on the current socket -> its message. */
  private readonly requests = new Map<string, { roomId: number; clientMessageId: string }>();
  /** clientMessageIds sent on the current socket and not answered yet. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly host: OutboxHost,
    private readonly newId: () => string,
  ) {}

  send(roomId: number, content: string): string {
    const pending: PendingMessage = { clientMessageId: this.newId(), content, status: 'sending', attempts: 0, error: null };
    this.host.updateRoom(roomId, (r) => ({ ...r, pending: [...r.pending, pending], error: null }));
    this.transmit(roomId, pending.clientMessageId);
    return pending.clientMessageId;
  }

  retry(roomId: number, clientMessageId: string): void {
    this.host.updateRoom(roomId, (r) => ({
      ...r,
      pending: r.pending.map((p) =>
        p.clientMessageId === clientMessageId ? { ...p, status: 'sending', attempts: 0, error: null } : p,
      ),
    }));
    this.transmit(roomId, clientMessageId);
  }

  discard(roomId: number, clientMessageId: string): void {
    this.host.updateRoom(roomId, (r) => ({ ...r, pending: r.pending.filter((p) => p.clientMessageId !== clientMessageId) }));
  }

  /** The room was (re)joined: send what is still pending. */
  flush(roomId: number): void {
    (this.host.room(roomId)?.pending ?? [])
      .filter((p) => p.status === 'sending')
      .forEach((p) => this.transmit(roomId, p.clientMessageId));
  }

  /** The socket ended: nothing is in flight any more; pending messages wait for the next join. */
  reset(): void {
    this.requests.clear();
    this.inFlight.clear();
  }

  onAck(frame: Extract<ServerFrame, { type: 'ack' }>): void {
    if (frame.id !== undefined && frame.id !== null) {
      this.requests.delete(frame.id);
    }
    this.inFlight.delete(frame.clientMessageId);
    const pending = this.host.room(frame.roomId)?.pending.find((p) => p.clientMessageId === frame.clientMessageId);
    this.host.updateRoom(frame.roomId, (r) => ({
      ...r,
      pending: r.pending.filter((p) => p.clientMessageId !== frame.clientMessageId),
    }));
    const me = this.host.me();
    if (pending !== undefined && me !== null) {
      // The broadcast of my own message may still be on its way: show it at its position now.
      this.host.showMessages(frame.roomId, [
        {
          roomId: frame.roomId,
          position: frame.position,
          messageId: frame.messageId,
          senderId: me.id,
          senderName: me.username,
          content: pending.content,
          messageType: 'TEXT',
          serverTime: this.host.now(),
        },
      ]);
    }
  }

  onNack(frame: Extract<ServerFrame, { type: 'nack' }>): void {
    if (frame.id !== undefined && frame.id !== null) {
      this.requests.delete(frame.id);
    }
    this.refused(frame.roomId, frame.clientMessageId, `${frame.code}: ${frame.message}`, true);
  }

  /** An `error` answering one of my sends; false when `id` is not one. */
  onError(id: string, code: string, text: string): boolean {
    const request = this.requests.get(id);
    if (request === undefined) {
      return false;
    }
    this.requests.delete(id);
    if (code === 'NOT_JOINED') {
      this.inFlight.delete(request.clientMessageId);
      this.host.rejoin(request.roomId);
      return true;
    }
    // Too fast, or the node failed: worth another try. Anything else is about the content itself.
    const retryable = code === 'RATE_LIMITED' || code === 'INTERNAL_ERROR';
    this.refused(request.roomId, request.clientMessageId, text, retryable);
    return true;
  }

  private transmit(roomId: number, clientMessageId: string): void {
    const room = this.host.room(roomId);
    const pending = room?.pending.find((p) => p.clientMessageId === clientMessageId);
    if (room === undefined || pending === undefined || pending.status !== 'sending') {
      return;
    }
    if (room.joinState !== 'joined' || this.inFlight.has(clientMessageId)) {
      // Sent once the room is (re)joined.
      return;
    }
    const id = this.host.nextId('s');
    if (this.host.sendFrame({ type: 'send', id, roomId, clientMessageId, content: pending.content })) {
      this.requests.set(id, { roomId, clientMessageId });
      this.inFlight.add(clientMessageId);
    }
  }

  private refused(roomId: number, clientMessageId: string, reason: string, retryable: boolean): void {
    this.inFlight.delete(clientMessageId);
    const pending = this.host.room(roomId)?.pending.find((p) => p.clientMessageId === clientMessageId);
    if (pending === undefined) {
      return;
    }
    const attempts = pending.attempts + 1;
    const giveUp = !retryable || attempts >= MAX_SEND_ATTEMPTS;
    this.host.updateRoom(roomId, (r) => ({
      ...r,
      pending: r.pending.map((p) =>
        p.clientMessageId === clientMessageId
          ? { ...p, attempts, status: giveUp ? 'failed' : 'sending', error: giveUp ? reason : null }
          : p,
      ),
      error: giveUp ? reason : r.error,
    }));
    if (!giveUp) {
      this.host.later(backoffDelay(attempts - 1, this.host.random), () => this.transmit(roomId, clientMessageId));
    }
  }
}
