import { useEffect, useState } from 'react';
import { useChat, useClient } from './useChat';

/** Shown while the socket is not open: what happened, when the next attempt is, and a button to try now. */
export function ConnectionBanner() {
  const { connection } = useChat();
  const client = useClient();
  const [now, setNow] = useState(Date.now());
  const waiting = connection.state === 'waiting';
  useEffect(() => {
    if (!waiting) {
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [waiting]);

  if (connection.state === 'open' || connection.state === 'stopped') {
    return null;
  }
  const seconds = connection.retryAt === null ? 0 : Math.max(0, Math.ceil((connection.retryAt - now) / 1000));
  return (
    <div className="banner" role="status" aria-live="polite" data-testid="connection-banner">
      {connection.state === 'connecting' ? (
        <span>{connection.everOpen ? 'Reconnecting' : 'Connecting'} to {connection.node}…</span>
      ) : (
        <>
          <span>
            Offline: {connection.lastError ?? 'not connected'}. Retrying in {seconds} s (attempt {connection.attempt}).
          </span>
          <button type="button" onClick={() => client.reconnectNow()}>
            Retry now
          </button>
        </>
      )}
    </div>
  );
}
