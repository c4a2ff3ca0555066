import { useCallback, useState } from 'react';
import { messageOf } from '../../services/api';

export interface ActionState {
  busy: boolean;
  /** The Chinese message of the last failure, or null. */
  error: string | null;
  /** What the last success did, in a sentence for the member, or null. */
  done: string | null;
  run: (work: () => Promise<string>) => void;
}

/** One action at a time (a button cannot be tapped twice), with its outcome in words. */
export function useAction(after?: () => void): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    (work: () => Promise<string>) => {
      if (busy) return;
      setBusy(true);
      setError(null);
      setDone(null);
      work()
        .then(
          (message) => setDone(message),
          (reason: unknown) => setError(messageOf(reason)),
        )
        .then(() => {
          setBusy(false);
          after?.();
        });
    },
    [busy, after],
  );
  return { busy, error, done, run };
}
