import { useEffect, useRef } from 'react';
import { useAsync, type AsyncState } from '../../hooks/use-async';

/** useAsync that loads again whenever `key` changes (another branch, another member). */
export function useKeyedAsync<T>(key: string, load: () => Promise<T>, enabled: boolean): AsyncState<T> {
  const state = useAsync(load, enabled);
  const first = useRef(true);
  const { reload } = state;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (enabled) reload();
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
