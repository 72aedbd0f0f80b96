import { type FormEvent, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { emptyRoom, readersOf, typingNow } from '../core/roomState';
import { UserPicker } from './UserPicker';
import { useChat, useClient } from './useChat';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One room: history with scroll-back, live and pending messages, who is here and typing, the composer. */
export function RoomView({ roomId }: { roomId: number }) {
  const state = useChat();
  const client = useClient();
  const room = state.rooms[roomId] ?? emptyRoom(roomId);
  const summary = state.myRooms.find((r) => r.id === roomId);
  const me = state.session?.user.id ?? -1;
  const list = useRef<HTMLOListElement>(null);
  const anchor = useRef<{ height: number; top: number; first: number | null } | null>(null);
  const [draft, setDraft] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const first = room.messages[0]?.position ?? null;
  // Older messages came in above: keep the reader where they were. New ones below: follow if at the bottom.
  useLayoutEffect(() => {
    const element = list.current;
    const before = anchor.current;
    if (element !== null && before !== null && before.first !== first && before.first !== null) {
      element.scrollTop = before.top + (element.scrollHeight - before.height);
    } else if (element !== null && (before === null || before.height - before.top - element.clientHeight < 80)) {
      element.scrollTop = element.scrollHeight;
    }
  }, [room.messages, room.pending, first]);

  const remember = () => {
    const element = list.current;
    if (element !== null) {
      anchor.current = { height: element.scrollHeight, top: element.scrollTop, first };
    }
  };

  useEffect(remember);

  const onScroll = () => {
    remember();
    if (list.current !== null && list.current.scrollTop < 40 && room.history.nextBefore !== null && !room.history.loading) {
      void client.loadOlder(roomId);
    }
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    // Only an empty composer is not sent; blank or over-long content the server refuses and explains.
    if (draft === '') {
      return;
    }
    client.send(roomId, draft);
    setDraft('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  const typing = typingNow(room, Date.now());
  const present = Object.entries(room.presence);
  const lastMine = [...room.messages].reverse().find((m) => m.senderId === me);
  const seenBy = lastMine === undefined ? [] : readersOf(room, lastMine.position, me);

  return (
    <main className="room" aria-labelledby="room-title">
      <header className="room-header">
        <button type="button" className="back" aria-label="Back to the rooms" onClick={() => client.openRoom(null)}>
          ←
        </button>
        <h2 id="room-title">{summary?.name ?? `Room ${roomId}`}</h2>
        {present.length > 0 && (
          <ul className="presence" aria-label="Members">
            {present.map(([userId, member]) => (
              <li key={userId}>
                <span
                  className={member.online ? 'dot online' : 'dot'}
                  role="img"
                  aria-label={member.online ? 'online' : 'offline'}
                />
                {member.username}
                {summary?.kind !== 'DIRECT' && (
                  <button
                    type="button"
                    className="link"
                    aria-label={`Message ${member.username} privately`}
                    onClick={() => void client.openDirect(Number(userId))}
                  >
                    Message
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => void client.leaveRoom(roomId)}>
          Leave
        </button>
      </header>
      {summary !== undefined && summary.kind !== 'DIRECT' && (
        <div className="room-tools">
          <UserPicker
            label="Add a member"
            action="Add"
            onPick={async (username) => {
              const added = await client.addMember(roomId, username);
              setNotice(added ? `${username} is a member now` : null);
              return added;
            }}
          />
          {notice !== null && (
            <p className="hint" role="status">
              {notice}
            </p>
          )}
        </div>
      )}
      {room.error !== null && (
        <p className="error" role="alert" data-testid="room-error">
          {room.error}
        </p>
      )}
      <ol className="messages" ref={list} onScroll={onScroll} role="log" aria-label="Messages" tabIndex={0}>
        <li className="history-edge">
          {room.history.loading ? (
            <span>Loading older messages…</span>
          ) : room.history.nextBefore !== null ? (
            <button type="button" onClick={() => void client.loadOlder(roomId)}>
              Load older messages
            </button>
          ) : room.history.loaded ? (
            <span>Start of the room</span>
          ) : null}
          {room.history.error !== null && <span className="error"> {room.history.error}</span>}
        </li>
        {room.messages.map((message) => (
          <li
            key={message.messageId}
            className={message.senderId === me ? 'message mine' : 'message'}
            data-testid="message"
            data-position={message.position}
          >
            <span className="sender">{message.senderName}</span>
            <time dateTime={new Date(message.serverTime).toISOString()}>{TIME.format(message.serverTime)}</time>
            <p className="content">{message.content}</p>
          </li>
        ))}
        {room.pending.map((pending) => (
          <li
            key={pending.clientMessageId}
            className={`message mine ${pending.status}`}
            data-testid="pending"
            data-status={pending.status}
          >
            <p className="content">{pending.content}</p>
            {pending.status === 'sending' ? (
              <span className="state">Sending…</span>
            ) : (
              <span className="state" role="alert">
                Not sent: {pending.error}{' '}
                <button type="button" onClick={() => client.retry(roomId, pending.clientMessageId)}>
                  Retry
                </button>{' '}
                <button type="button" onClick={() => client.discard(roomId, pending.clientMessageId)}>
                  Discard
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      <div className="below" aria-live="polite">
        {typing.length > 0 && (
          <span className="typing">
            {typing.map((user) => user.username).join(', ')} {typing.length === 1 ? 'is' : 'are'} typing…
          </span>
        )}
        {seenBy.length > 0 && <span className="seen">Seen by {seenBy.join(', ')}</span>}
      </div>
      <form className="composer" onSubmit={submit}>
        <label htmlFor="composer" className="visually-hidden">
          Message
        </label>
        <textarea
          id="composer"
          rows={2}
          value={draft}
          placeholder="Write a message (Enter sends, Shift+Enter breaks the line)"
          onChange={(event) => {
            setDraft(event.target.value);
            client.typing(roomId);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit">Send</button>
      </form>
    </main>
  );
}
