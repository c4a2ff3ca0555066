import { useCallback, useState } from 'react';
import { messageOf } from '../../services/api';

export interface ActionState<A extends unknown[]> {
  busy: boolean;
  error: string | null;
  run: (...args: A) => void;
}

/** A button's action: one at a time, its Chinese error kept for the banner, `done` on success. */
export function useAction<A extends unknown[], T>(act: (...args: A) => Promise<T>, done?: (result: T) => void): ActionState<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    (...args: A) => {
      setBusy(true);
      setError(null);
      act(...args).then(
        (result) => {
          setBusy(false);
          done?.(result);
        },
        (reason: unknown) => {
          setBusy(false);
          setError(messageOf(reason));
        },
      );
    },
    [act, done],
  );
  return { busy, error, run };
}
