import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../services/api';

export interface AsyncState<T> {
  data: T | null;
  /** The Chinese message to show, or null. */
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` on mount (and on `reload`), keeping only the latest answer.
 * `enabled: false` waits (e.g. until a session exists).
 */
export function useAsync<T>(load: () => Promise<T>, enabled = true): AsyncState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState<boolean>(enabled);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(messageOf(reason));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [enabled, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
