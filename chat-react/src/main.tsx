import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatClient } from './core/chatClient';
import { configuredNodes, nodeList } from './core/nodes';
import { App } from './ui/App';
import { ClientContext } from './ui/useChat';
import './ui/styles.css';

async function start(): Promise<void> {
  const nodes = nodeList(window.location.origin, await configuredNodes(window.location.search, fetch.bind(window)));
  const client = new ChatClient({
    nodes,
    fetch: fetch.bind(window),
    createSocket: (url) => new WebSocket(url),
    // One login per tab: two tabs can chat as two users.
    sessionStore: window.sessionStorage,
    roomStore: window.localStorage,
    isVisible: () => document.visibilityState === 'visible',
  });
  document.addEventListener('visibilitychange', () => {
    const open = client.getSnapshot().openRoomId;
    if (open !== null) {
      client.markRead(open);
    }
  });
  client.resume();
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>
    </StrictMode>,
  );
}

void start();
