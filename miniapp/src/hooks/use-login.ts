import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { identityApi, type DevAccount } from '@shared/api';
import { ROUTES } from '../routes';
import { call, messageOf } from '../services/api';
import { signInAsDemo, signInWithWecom } from '../services/auth';
import { loadSession } from '../services/session';
import { isWecom } from '../services/wecom';
import { useAsync, type AsyncState } from './use-async';

/** Demo sign-in exists only on the local stage (the API hides it elsewhere too). */
export const DEMO_LOGIN_ENABLED = APP_STAGE === 'local';

function goHome(): void {
  void Taro.reLaunch({ url: ROUTES.home });
}

export interface LoginState {
  inWecom: boolean;
  /** A sign-in is under way (WeCom automatic or a demo account tapped). */
  signingIn: boolean;
  error: string | null;
  retryWecom: () => void;
  signInAs: (userId: string) => void;
}

/** Login flow: an existing session goes straight home; inside WeCom sign in automatically. */
export function useLogin(): LoginState {
  const [inWecom] = useState(isWecom);
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback((signIn: () => Promise<unknown>) => {
    setSigningIn(true);
    setError(null);
    signIn().then(goHome, (reason: unknown) => {
      setError(messageOf(reason));
      setSigningIn(false);
    });
  }, []);

  const retryWecom = useCallback(() => run(signInWithWecom), [run]);
  const signInAs = useCallback((userId: string) => run(() => signInAsDemo(userId)), [run]);

  useEffect(() => {
    if (loadSession()) goHome();
    else if (inWecom) retryWecom();
  }, [inWecom, retryWecom]);

  return { inWecom, signingIn, error, retryWecom, signInAs };
}

export function useDevAccounts(enabled: boolean): AsyncState<DevAccount[]> {
  return useAsync(() => call(identityApi.devAccounts).then((res) => res.accounts), enabled);
}
