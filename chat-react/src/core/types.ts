/** Wire types of docs/protocol.md (REST bodies and WebSocket frames) the client reads. */

export interface ChatMessage {
  roomId: number;
  position: number;
  messageId: string;
  senderId: number;
  senderName: string;
  content: string;
  messageType: string;
  serverTime: number;
}

export interface Room {
  id: number;
  name: string;
  createdBy: number;
  /** Epoch milliseconds (REST gives ISO strings, frames epoch ms; both are converted). */
  createdAt: number;
  /** PUBLIC: anyone may join; PRIVATE: members only (servers without private rooms send none). */
  visibility?: 'PUBLIC' | 'PRIVATE';
  /** DIRECT: a conversation of two users (`POST /api/direct/{userId}`). */
  kind?: 'ROOM' | 'DIRECT';
}

/** A member of a room, from `GET /api/rooms/{id}/members`. */
export interface Member {
  userId: number;
  username: string;
  /** -1: nothing read yet. */
  lastReadPosition: number;
  online: boolean;
}

export interface LastMessage {
  position: number;
  messageId: string;
  senderId: number;
  senderName: string;
  preview: string;
  serverTime: number;
}

/** A room of mine in the list: GET /api/me/rooms, or a room joined here when the server has no such list. */
export interface RoomSummary extends Room {
  lastActivityAt: number;
  lastMessage: LastMessage | null;
  lastReadPosition: number;
  unreadCount: number;
}

export interface User {
  id: number;
  username: string;
}

export type RecoveryResult = 'NONE' | 'RECOVERED' | 'TOO_OLD' | 'UNAVAILABLE';

/** Any server frame: the client switches on `type` and reads the fields it knows. */
export type ServerFrame =
  | { type: 'welcome'; sessionId: string; nodeId: string; userId: number; username: string; serverTime: number }
  | { type: 'pong'; id?: string | null }
  | { type: 'joined'; id?: string | null; roomId: number; recovery?: { result: RecoveryResult; count: number } }
  | { type: 'left'; id?: string | null; roomId: number }
  | {
      type: 'ack';
      id?: string | null;
      roomId: number;
      clientMessageId: string;
      messageId: string;
      position: number;
      duplicate?: boolean;
    }
  | { type: 'nack'; id?: string | null; roomId: number; clientMessageId: string; code: string; message: string }
  | ({ type: 'message' } & ChatMessage)
  | { type: 'room-created'; room: { id: number; name: string; createdBy: number; createdAt: number | string } }
  | { type: 'member-joined'; roomId: number; userId: number; username: string | null; joinedAt: number }
  | { type: 'member-left'; roomId: number; userId: number; leftAt: number }
  | { type: 'removed'; roomId: number; reason: string }
  | { type: 'error'; code: string; message: string; id: string | null }
  | { type: 'marked-read'; id?: string | null; roomId: number; lastReadPosition: number }
  | { type: 'read-receipt'; roomId: number; userId: number; username: string; lastReadPosition: number }
  | { type: 'read-state'; roomId: number; lastReadPosition: number }
  | { type: 'presence'; roomId: number; userId: number; username: string; online: boolean }
  | { type: 'typing'; roomId: number; userId: number; username: string; expiresInMs: number };

/** Times arrive as ISO strings over REST and as epoch ms in frames. */
export function toMillis(value: number | string | null | undefined): number {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? 0 : parsed;
  }
  return 0;
}
