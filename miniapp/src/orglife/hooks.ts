import { useEffect, useState } from 'react';
import { orgLifeApi, type CheckinToken } from '@shared/api';
import { call, messageOf } from '../services/api';

const RETRY_MS = 3000;

/** The secretary's current check-in code, fetched again when it rotates (a failed fetch is retried in seconds). */
export function useMeetingCode(id: string, enabled: boolean) {
  const [token, setToken] = useState<CheckinToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchNext = () => {
      call(orgLifeApi.checkinToken, { params: { id } }).then(
        (next) => {
          if (stopped) return;
          setToken(next);
          setError(null);
          const wait = Date.parse(next.rotatesAt) - Date.now() + 300;
          timer = setTimeout(fetchNext, Math.min(Math.max(wait, 1000), next.rotationSeconds * 1000));
        },
        (reason: unknown) => {
          if (stopped) return;
          setError(messageOf(reason));
          timer = setTimeout(fetchNext, RETRY_MS);
        },
      );
    };
    fetchNext();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, enabled]);
  return { token, error };
}
