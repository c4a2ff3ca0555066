import { useCallback, useEffect, useRef, useState } from 'react';
import type { Endpoint, ResponseOf } from '@shared/api';
import { messageOf, type CallOptions } from '../services/api';
import { isNetworkFailure } from '../services/api-error';
import { callAndCache, readCache } from '../services/cache';
import { watchChanges } from '../services/freshness';
import { useOnline } from './use-online';

export interface CachedState<T> {
  data: T | null;
  /** Shown only when there is nothing cached to fall back on. */
  error: string | null;
  loading: boolean;
  /** Set while what is shown is the stored copy because the refresh failed: when it was fetched (device ms). */
  staleSince: number | null;
  reload: () => void;
}

interface Held<T> {
  data: T | null;
  savedAt: number | null;
  error: string | null;
  loading: boolean;
  stale: boolean;
}

/**
 * A read shown at once from the device's copy and refreshed from the server; offline the copy stays, with
 * the time it was fetched, instead of an error. `name` identifies the answer (include the query if any).
 */
export function useCachedCall<E extends Endpoint>(endpoint: E, name: string, options: CallOptions<E> = {}, enabled = true): CachedState<ResponseOf<E>> {
  const [state, setState] = useState<Held<ResponseOf<E>>>(() => {
    const cached = enabled ? readCache(endpoint, name) : null;
    return { data: cached ? cached.data : null, savedAt: cached ? cached.savedAt : null, error: null, loading: enabled, stale: false };
  });
  const [attempt, setAttempt] = useState(0);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    callAndCache(endpoint, name, optionsRef.current).then(
      (data) => current && setState({ data, savedAt: Date.now(), error: null, loading: false, stale: false }),
      (reason: unknown) => {
        if (!current) return;
        const cached = isNetworkFailure(reason) ? readCache(endpoint, name) : null;
        setState(cached ? { data: cached.data, savedAt: cached.savedAt, error: null, loading: false, stale: true } : { data: null, savedAt: null, error: messageOf(reason), loading: false, stale: false });
      },
    );
    return () => {
      current = false;
    };
  }, [endpoint, name, enabled, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // An action elsewhere (paying a bill, registering) changed this answer: fetch it again.
  useEffect(() => (enabled ? watchChanges(name, reload) : undefined), [name, enabled, reload]);
  const online = useOnline();
  // The copy shown offline is refreshed as soon as the network returns, which also takes the note away.
  const stale = state.stale;
  useEffect(() => {
    if (online && stale) reload();
  }, [online, stale, reload]);
  const fromDevice = state.stale || (!online && state.data !== null);
  return { data: state.data, error: state.error, loading: state.loading, staleSince: fromDevice ? state.savedAt : null, reload };
}
