import Taro from '@tarojs/taro';
import { sessionSchema, type Member, type Session } from '@shared/api';

const STORAGE_KEY = 'fpp.session';
/** Treat a token as expired a little early so a request does not race its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

function isExpired(session: Session, now: number): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isNaN(expiresAt) || expiresAt - EXPIRY_MARGIN_MS <= now;
}

/** The stored session, or null when there is none, it is malformed, or it has expired. */
export function loadSession(now: number = Date.now()): Session | null {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(STORAGE_KEY);
  } catch {
    return null;
  }
  const parsed = sessionSchema.safeParse(stored);
  if (!parsed.success) return null;
  if (isExpired(parsed.data, now)) {
    clearSession();
    return null;
  }
  return parsed.data;
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

export function currentMember(): Member | null {
  return loadSession()?.member ?? null;
}
