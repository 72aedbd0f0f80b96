import type { ChatMessage, Room, RoomSummary } from './types';

/** My rooms, most recent activity first (ties: newest room first). */
export function sortByActivity(rooms: readonly RoomSummary[]): RoomSummary[] {
  return [...rooms].sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id);
}

/** A room just created or joined here: no messages known, nothing unread. */
export function summaryOf(room: Room, now: number): RoomSummary {
  return { ...room, lastActivityAt: Math.max(room.createdAt, now), lastMessage: null, lastReadPosition: -1, unreadCount: 0 };
}

/** Adds or replaces one room of the list, keeping the order by activity. */
export function upsertSummary(rooms: readonly RoomSummary[], summary: RoomSummary): RoomSummary[] {
  return sortByActivity([...rooms.filter((room) => room.id !== summary.id), summary]);
}

/** Longest preview kept from a live message (the server cuts its own previews too). */
export const PREVIEW_LENGTH = 80;

/**
 * A live message that was new to the room's timeline: it becomes the room's last message
 * and, when someone else sent it above what I read, counts as unread (CONTRACT's client rule),
 * unless I am reading the room right now.
 */
export function applyMessage(summary: RoomSummary, message: ChatMessage, myUserId: number, reading: boolean): RoomSummary {
  const newer = summary.lastMessage === null || message.position > summary.lastMessage.position;
  const unread = !reading && message.senderId !== myUserId && message.position > summary.lastReadPosition;
  const read = reading ? Math.max(summary.lastReadPosition, message.position) : summary.lastReadPosition;
  return {
    ...summary,
    lastActivityAt: Math.max(summary.lastActivityAt, message.serverTime),
    lastMessage: newer
      ? {
          position: message.position,
          messageId: message.messageId,
          senderId: message.senderId,
          senderName: message.senderName,
          preview: message.content.slice(0, PREVIEW_LENGTH),
          serverTime: message.serverTime,
        }
      : summary.lastMessage,
    lastReadPosition: read,
    unreadCount: reading ? 0 : summary.unreadCount + (unread ? 1 : 0),
  };
}

/**
 * `marked-read` / `read-state` (or my own reading): the read position never moves back;
 * the count becomes the messages of others above it that this client knows of, never more
 * than before (the server's count may include messages not loaded here).
 */
export function applyReadPosition(
  summary: RoomSummary,
  position: number,
  known: readonly ChatMessage[],
  myUserId: number,
): RoomSummary {
  const lastReadPosition = Math.max(summary.lastReadPosition, position);
  if (lastReadPosition === summary.lastReadPosition && summary.unreadCount === 0) {
    return summary;
  }
  const everything = summary.lastMessage === null || lastReadPosition >= summary.lastMessage.position;
  const counted = known.filter((message) => message.senderId !== myUserId && message.position > lastReadPosition).length;
  return {
    ...summary,
    lastReadPosition,
    unreadCount: everything ? 0 : Math.min(summary.unreadCount, counted),
  };
}
