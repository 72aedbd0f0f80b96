import { type FormEvent, useState } from 'react';
import { UserPicker } from './UserPicker';
import { useChat, useClient } from './useChat';

/** My rooms by activity (unread badge, last message), a form to create one, and the rooms to join. */
export function RoomList() {
  const state = useChat();
  const client = useClient();
  const [name, setName] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const mine = new Set(state.myRooms.map((room) => room.id));
  const others = state.allRooms.filter((room) => !mine.has(room.id));

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const room = await client.createRoom(name, isPrivate ? 'PRIVATE' : 'PUBLIC');
    if (room !== undefined) {
      setName('');
      setPrivate(false);
    }
  };

  return (
    <nav className="rooms" aria-label="Rooms">
      <h2 id="my-rooms">My rooms</h2>
      {state.myRooms.length === 0 && <p className="hint">No rooms yet: create one or join one below.</p>}
      <ul aria-labelledby="my-rooms">
        {state.myRooms.map((room) => {
          const label =
            room.unreadCount > 0 ? `${room.name}, ${room.unreadCount} unread` : room.name;
          return (
            <li key={room.id}>
              <button
                type="button"
                className={room.id === state.openRoomId ? 'room-button current' : 'room-button'}
                aria-current={room.id === state.openRoomId ? 'page' : undefined}
                aria-label={label}
                data-room-id={room.id}
                onClick={() => client.openRoom(room.id)}
              >
                <span className="room-name">
                  {room.kind === 'DIRECT' ? '@ ' : room.visibility === 'PRIVATE' ? '🔒 ' : ''}
                  {room.name}
                </span>
                {room.unreadCount > 0 && (
                  <span className="badge" data-testid="unread">
                    {room.unreadCount}
                  </span>
                )}
                {room.lastMessage !== null && (
                  <span className="preview">
                    {room.lastMessage.senderName}: {room.lastMessage.preview}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <form className="create" onSubmit={create}>
        <label htmlFor="new-room">New room</label>
        <div className="row">
          <input id="new-room" value={name} onChange={(event) => setName(event.target.value)} placeholder="Room name" />
          <button type="submit">Create</button>
        </div>
        <label className="check">
          <input type="checkbox" checked={isPrivate} onChange={(event) => setPrivate(event.target.checked)} />
          Private (members only)
        </label>
      </form>
      <UserPicker
        label="Direct message"
        action="Open"
        onPick={async (username) => (await client.openDirectWith(username)) !== undefined}
      />
      <h2 id="other-rooms">Discover</h2>
      {others.length === 0 && <p className="hint">No other rooms.</p>}
      <ul aria-labelledby="other-rooms">
        {others.map((room) => (
          <li key={room.id} className="discover">
            <span>{room.name}</span>
            <button type="button" aria-label={`Join ${room.name}`} onClick={() => void client.joinRoom(room.id)}>
              Join
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
