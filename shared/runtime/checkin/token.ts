import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';

/**
 * The rotating check-in token, shared by every capability that checks people in at a real gathering (sign-up
 * activities, organisation-life meetings). Time is cut into windows of `rotation` seconds; the organiser's page shows the
 * token of the current window as a QR code (a short JWT signed with jose) and as six digits for typing.
 * A token is accepted until its window ends plus a short grace, so a photo forwarded to someone absent stops
 * working right after the code on the wall has changed. Both forms are keyed by a key derived from the
 * platform secret for this purpose only, so a check-in token can never pass as a session and vice versa; each
 * capability names its own `purpose`, so one capability's token never opens another's check-in.
 */

export interface RotationSettings {
  /** The key-derivation label of the capability (e.g. `signup-checkin`); fixed once tokens are in use. */
  purpose: string;
  rotationSeconds: number;
  graceSeconds: number;
}

const AUDIENCE = 'checkin';
/** How far back a six-digit code is still recognised as an old one (said "expired" rather than "wrong"). */
const RECOGNISED_PAST_SECONDS = 3600;

const keys = new Map<string, Uint8Array>();
function checkinKey(secret: string, purpose: string): Uint8Array {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret, 'party-platform', purpose, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

export function rotationWindow(now: Date, settings: RotationSettings): number {
  return Math.floor(now.getTime() / 1000 / settings.rotationSeconds);
}

/** Unix seconds after which a window's token is refused. */
export function windowExpiry(window: number, settings: RotationSettings): number {
  return (window + 1) * settings.rotationSeconds + settings.graceSeconds;
}

/** Six digits from an HMAC of the subject (activity, meeting) and the window (the HOTP truncation of RFC 4226). */
export function checkinCode(secret: string, subjectId: string, window: number, settings: Pick<RotationSettings, 'purpose'>): string {
  const mac = createHmac('sha256', checkinKey(secret, settings.purpose)).update(`${subjectId}:${window}`).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

export interface IssuedCheckinToken {
  token: string;
  code: string;
  window: number;
  expiresAt: Date;
  rotatesAt: Date;
}

export async function issueCheckinToken(secret: string, subjectId: string, now: Date, settings: RotationSettings): Promise<IssuedCheckinToken> {
  const window = rotationWindow(now, settings);
  const expiresAtSeconds = windowExpiry(window, settings);
  // Few claims: the QR code stays small and easy to scan on an old phone.
  const token = await new SignJWT({ w: window })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subjectId)
    .setAudience(AUDIENCE)
    .setExpirationTime(expiresAtSeconds)
    .sign(checkinKey(secret, settings.purpose));
  return {
    token,
    code: checkinCode(secret, subjectId, window, settings),
    window,
    expiresAt: new Date(expiresAtSeconds * 1000),
    rotatesAt: new Date((window + 1) * settings.rotationSeconds * 1000),
  };
}

export type TokenVerdict = { valid: true; window: number } | { valid: false; reason: 'expired' | 'invalid' };

const sameCode = (a: string, b: string) => timingSafeEqual(Buffer.from(a), Buffer.from(b));

function verifyCode(secret: string, subjectId: string, code: string, now: Date, settings: RotationSettings): TokenVerdict {
  const current = rotationWindow(now, settings);
  const nowSeconds = now.getTime() / 1000;
  const oldest = current - Math.ceil(RECOGNISED_PAST_SECONDS / settings.rotationSeconds);
  for (let window = current; window >= oldest; window -= 1) {
    if (!sameCode(checkinCode(secret, subjectId, window, settings), code)) continue;
    return nowSeconds < windowExpiry(window, settings) ? { valid: true, window } : { valid: false, reason: 'expired' };
  }
  return { valid: false, reason: 'invalid' };
}

async function verifyJwt(secret: string, subjectId: string, token: string, now: Date, settings: RotationSettings): Promise<TokenVerdict> {
  try {
    const { payload } = await jwtVerify(token, checkinKey(secret, settings.purpose), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      subject: subjectId,
      requiredClaims: ['exp', 'w'],
      currentDate: now,
    });
    const window = payload.w;
    if (typeof window !== 'number' || !Number.isInteger(window) || window > rotationWindow(now, settings)) return { valid: false, reason: 'invalid' };
    return { valid: true, window };
  } catch (error) {
    // jose checks the signature before the claims: "expired" is only ever said of a genuine old token.
    if (error instanceof joseErrors.JWTExpired) return { valid: false, reason: 'expired' };
    return { valid: false, reason: 'invalid' };
  }
}

/** Checks what a member presented: the QR code's token, or the six digits typed from the screen. */
export async function verifyCheckinToken(
  secret: string,
  subjectId: string,
  presented: string,
  now: Date,
  settings: RotationSettings,
): Promise<TokenVerdict> {
  const trimmed = presented.trim();
  if (/^\d{6}$/.test(trimmed)) return verifyCode(secret, subjectId, trimmed, now, settings);
  return verifyJwt(secret, subjectId, trimmed, now, settings);
}
