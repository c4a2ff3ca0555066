import Taro from '@tarojs/taro';
import { identityApi, type Session } from '@shared/api';
import { ROUTES, withQuery } from '../routes';
import { currentPageUrl, loginUrl } from './deep-link';
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
let finishSignIn: ((session: Session | null) => void) | null = null;

/**
 * Outside WeCom: the login page opens over the current page (not instead of it), so whatever the member was
 * typing stays; once they sign in the page underneath comes back and the request goes out again.
 */
function reloginOnLoginPage(): Promise<Session | null> {
  if (!pendingRelogin) {
    const attempt = new Promise<Session | null>((resolve) => {
      finishSignIn = resolve;
    });
    pendingRelogin = attempt;
    void attempt.then(() => {
      pendingRelogin = null;
      finishSignIn = null;
    });
    // A full page stack (10 in the mini-program) cannot take one more: then the login page replaces it all.
    Taro.navigateTo({ url: withQuery(ROUTES.login, { relogin: '1' }) }).catch(() => {
      finishSignIn?.(null);
      void Taro.reLaunch({ url: loginUrl(currentPageUrl()) });
    });
  }
  return pendingRelogin;
}

/**
 * Called by the login page opened for a re-login: with the new session once signed in, null when the
 * member left without signing in. Answers whether a page was waiting (then the login page goes back to it).
 */
export function completeRelogin(session: Session | null): boolean {
  if (!finishSignIn) return false;
  finishSignIn(session);
  return true;
}

/**
 * After a 401: inside WeCom sign in again silently (one attempt shared by concurrent
 * requests); elsewhere over the login page, keeping the page (and its form) underneath.
 * Resolves null when the caller must not retry.
 */
export function relogin(): Promise<Session | null> {
  if (!isWecom()) {
    clearSession();
    return reloginOnLoginPage();
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
