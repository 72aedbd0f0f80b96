import { type FormEvent, useState } from 'react';
import { useChat, useClient } from './useChat';

/** Name and optional password: an unknown name signs up, a known one logs in. */
export function Login() {
  const state = useChat();
  const client = useClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await client.login(username.trim(), password === '' ? null : password);
    setBusy(false);
  };

  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">chat-scalable</h1>
        {state.notice !== null && (
          <p className="notice" role="status">
            {state.notice}
          </p>
        )}
        <label htmlFor="login-name">Name</label>
        <input
          id="login-name"
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor="login-password">
          Password <span className="hint">(optional; needed later if you set one now)</span>
        </label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {state.error !== null && (
          <p className="error" role="alert">
            {state.error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
