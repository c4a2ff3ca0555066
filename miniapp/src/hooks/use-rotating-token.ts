import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { CheckinToken } from '@shared/api';
import { messageOf } from '../services/api';

const RETRY_MS = 3000;

/** The organiser's phone stays lit while the code is on show (the mini-program can; a browser cannot). */
function keepScreenOn(on: boolean): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined);
}

/**
 * The organiser's current check-in token (an activity's, a meeting's: `load` asks the capability for it), fetched
 * again as soon as it rotates (a failed fetch is retried within seconds; the shown code stays valid for the grace
 * period meanwhile), and the seconds until then.
 */
export function useRotatingToken(id: string, enabled: boolean, load: (id: string) => Promise<CheckinToken>) {
  const [token, setToken] = useState<CheckinToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (!enabled) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchNext = () => {
      load(id).then(
        (next) => {
          if (stopped) return;
          setToken(next);
          setError(null);
          // A phone clock that is off must not stop the rotation: never wait longer than one period.
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
    const tick = setInterval(() => setNow(Date.now()), 1000);
    keepScreenOn(true);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      clearInterval(tick);
      keepScreenOn(false);
    };
  // `load` names the capability's endpoint; a new function each render must not restart the rotation.
  }, [id, enabled]);

  const secondsLeft = token ? Math.max(0, Math.ceil((Date.parse(token.rotatesAt) - now) / 1000)) : 0;
  return { token, error, secondsLeft };
}
