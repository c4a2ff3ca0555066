import { useCallback, useState } from 'react';
import { messageOf } from '../../services/api';

export interface ActionState {
  busy: boolean;
  /** The Chinese message of the last failure, or null. */
  error: string | null;
  /** Runs an action once at a time; resolves to whether it succeeded. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

/** A button's action: one at a time, with the server's message when it fails. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (reason) {
      setError(messageOf(reason));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}
