import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatClient, ChatState } from '../core/chatClient';

export const ClientContext = createContext<ChatClient | null>(null);

/** The client core of this page. */
export function useClient(): ChatClient {
  const client = useContext(ClientContext);
  if (client === null) {
    throw new Error('No ChatClient: render inside <ClientContext.Provider>');
  }
  return client;
}

/** The core's state, re-rendered on every change (the core replaces, never mutates, its state). */
export function useChat(): ChatState {
  const client = useClient();
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
}
