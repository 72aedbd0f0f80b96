import { ConnectionBanner } from './ConnectionBanner';
import { Login } from './Login';
import { RoomList } from './RoomList';
import { RoomView } from './RoomView';
import { useChat, useClient } from './useChat';

/** Login until there is a session; then the room list beside (on a phone: instead of) the open room. */
export function App() {
  const state = useChat();
  const client = useClient();
  if (state.session === null) {
    return <Login />;
  }
  const roomOpen = state.openRoomId !== null;
  return (
    <div className={roomOpen ? 'shell room-open' : 'shell'}>
      <header className="topbar">
        <h1>chat-scalable</h1>
        <span className="me" aria-label={`Logged in as ${state.session.user.username}`}>
          {state.session.user.username}
          {state.connection.nodeId !== null && <span className="node"> · {state.connection.nodeId}</span>}
        </span>
        <button type="button" onClick={() => client.logout()}>
          Log out
        </button>
      </header>
      <ConnectionBanner />
      {state.error !== null && (
        <div className="alert" role="alert">
          <span>{state.error}</span>
          <button type="button" aria-label="Dismiss the error" onClick={() => client.dismissError()}>
            ×
          </button>
        </div>
      )}
      <div className="panes">
        <RoomList />
        {state.openRoomId !== null ? (
          <RoomView key={state.openRoomId} roomId={state.openRoomId} />
        ) : (
          <main className="room placeholder">
            <p>Pick a room, or create one.</p>
          </main>
        )}
      </div>
    </div>
  );
}
