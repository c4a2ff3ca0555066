import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter, useUnload } from '@tarojs/taro';
import { identityApi, type DevAccount, type Session } from '@shared/api';
import { ROUTES } from '../routes';
import { call, messageOf } from '../services/api';
import { completeRelogin, signInAsDemo, signInWithWecom } from '../services/auth';
import { safeNext } from '../services/deep-link';
import { currentMember } from '../services/session';
import { isWecom } from '../services/wecom';
import { useAsync, type AsyncState } from './use-async';

/** Demo sign-in exists only on the local stage (the API hides it elsewhere too). */
export const DEMO_LOGIN_ENABLED = APP_STAGE === 'local';


export interface LoginState {
  inWecom: boolean;
  /** A sign-in is under way (WeCom automatic or a demo account tapped). */
  signingIn: boolean;
  error: string | null;
  retryWecom: () => void;
  signInAs: (userId: string) => void;
}

/** Login flow: a known member goes straight on (home or the page a link named); inside WeCom sign in automatically. */
export function useLogin(): LoginState {
  const [inWecom] = useState(isWecom);
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { params } = useRouter();
  const next = safeNext(params.next);
  const goOn = useCallback(
    (session: Session) => {
      // Opened over a page whose request needed a new session: back to it, the request goes out again.
      if (params.relogin === '1' && completeRelogin(session)) void Taro.navigateBack();
      else void Taro.reLaunch({ url: next ?? ROUTES.home });
    },
    [params.relogin, next],
  );
  // Left without signing in: the waiting page shows its message instead of waiting for ever.
  useUnload(() => completeRelogin(null));

  const run = useCallback((signIn: () => Promise<Session>) => {
    setSigningIn(true);
    setError(null);
    signIn().then(goOn, (reason: unknown) => {
      setError(messageOf(reason));
      setSigningIn(false);
    });
  }, [goOn]);

  const retryWecom = useCallback(() => run(signInWithWecom), [run]);
  const signInAs = useCallback((userId: string) => run(() => signInAsDemo(userId)), [run]);

  useEffect(() => {
    // An expired session still opens the app (offline on cached pages); its first request renews it.
    const member = params.relogin === '1' ? null : currentMember();
    if (member) void Taro.reLaunch({ url: next ?? ROUTES.home });
    else if (inWecom) retryWecom();
  }, [inWecom, retryWecom, next, params.relogin]);

  return { inWecom, signingIn, error, retryWecom, signInAs };
}

export function useDevAccounts(enabled: boolean): AsyncState<DevAccount[]> {
  return useAsync(() => call(identityApi.devAccounts).then((res) => res.accounts), enabled);
}
