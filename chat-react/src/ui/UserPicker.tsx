import { type FormEvent, useEffect, useId, useState } from 'react';
import type { User } from '../core/types';
import { useClient } from './useChat';

/** How long typing must pause before the names starting with it are asked for. */
const SEARCH_DELAY_MS = 250;

/**
 * A username field that suggests matching users as one types (GET /api/users through the client core), and a
 * button that hands the name typed to `onPick`. The field is emptied when `onPick` says it is done.
 */
export function UserPicker({
  label,
  action,
  onPick,
}: {
  label: string;
  action: string;
  onPick: (username: string) => Promise<boolean>;
}) {
  const client = useClient();
  const id = useId();
  const [name, setName] = useState('');
  const [suggestions, setSuggestions] = useState<User[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const prefix = name.trim();
    if (prefix === '') {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void client.searchUsers(prefix).then((users) => {
        if (current) {
          setSuggestions(users);
        }
      });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, name]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || busy) {
      return;
    }
    setBusy(true);
    try {
      if (await onPick(name.trim())) {
        setName('');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="user-picker" onSubmit={submit}>
      <label htmlFor={`${id}-name`}>{label}</label>
      <div className="row">
        <input
          id={`${id}-name`}
          value={name}
          list={`${id}-users`}
          autoComplete="off"
          placeholder="Username"
          onChange={(event) => setName(event.target.value)}
        />
        <datalist id={`${id}-users`}>
          {suggestions.map((user) => (
            <option key={user.id} value={user.username} />
          ))}
        </datalist>
        <button type="submit" disabled={busy}>
          {action}
        </button>
      </div>
    </form>
  );
}
