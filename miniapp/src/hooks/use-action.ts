import { useCallback, useState } from 'react';
import { messageOf } from '../services/api';

/**
 * A tap that calls the platform: `busy` while it runs (so the button cannot send twice), and its failure as the
 * Chinese message to show, cleared when the member tries again.
 */
export function useAction(): { busy: boolean; error: string | null; run: (work: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
