import Taro from '@tarojs/taro';
import { sessionSchema, type Member, type Session } from '@shared/api';

const STORAGE_KEY = 'fpp.session';
/** Treat a token as expired a little early so a request does not race its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

function isExpired(session: Session, now: number): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isNaN(expiresAt) || expiresAt - EXPIRY_MARGIN_MS <= now;
}

/** The stored session even if its token has expired, or null when there is none or it is malformed. */
function storedSession(): Session | null {
  try {
    const parsed = sessionSchema.safeParse(Taro.getStorageSync(STORAGE_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The stored session, or null when there is none, it is malformed, or it has expired. */
export function loadSession(now: number = Date.now()): Session | null {
  const session = storedSession();
  return session && !isExpired(session, now) ? session : null;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(STORAGE_KEY, session);
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // Nothing stored or storage unavailable: either way there is no session left.
  }
}

export function currentToken(): string | null {
  return loadSession()?.token ?? null;
}

/**
 * Who is signed in on this phone, even once the token has expired: a ranger without signal still opens the
 * app on their cached pages; the first request that reaches the server asks for a new sign-in (silently
 * inside WeCom). Signing out forgets the member.
 */
export function currentMember(): Member | null {
  return storedSession()?.member ?? null;
}
