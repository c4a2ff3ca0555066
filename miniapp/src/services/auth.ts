import Taro from '@tarojs/taro';
import { identityApi, type Session } from '@shared/api';
import { ROUTES } from '../routes';
import { send } from './http';
import { clearSession, saveSession } from './session';
import { isWecom, wecomLoginCode } from './wecom';

/** Inside WeCom: a fresh `wx.qy.login` code exchanged for a session, which is stored. */
export async function signInWithWecom(): Promise<Session> {
  const code = await wecomLoginCode();
  const session = await send(identityApi.wecomLogin, { body: { code } }, null);
  saveSession(session);
  return session;
}

/** Local stage only: sign in as one of the demo members. */
export async function signInAsDemo(userId: string): Promise<Session> {
  const session = await send(identityApi.devLogin, { body: { userId } }, null);
  saveSession(session);
  return session;
}

export function signOut(): void {
  clearSession();
  void Taro.reLaunch({ url: ROUTES.login });
}

let pendingRelogin: Promise<Session | null> | null = null;

/**
 * After a 401: inside WeCom sign in again silently (one attempt shared by concurrent
 * requests); elsewhere send the member to the login page. Resolves null when the caller
 * must not retry.
 */
export function relogin(): Promise<Session | null> {
  if (!isWecom()) {
    clearSession();
    void Taro.reLaunch({ url: ROUTES.login });
    return Promise.resolve(null);
  }
  if (!pendingRelogin) {
    clearSession();
    // No Promise#finally: older WeChat base libraries lack it.
    const attempt: Promise<Session | null> = signInWithWecom().catch(() => null);
    pendingRelogin = attempt;
    void attempt.then(() => {
      pendingRelogin = null;
    });
  }
  return pendingRelogin;
}
