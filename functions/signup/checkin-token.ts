import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';

/**
 * The rotating check-in token. Time is cut into windows of `rotation` seconds; the organiser's page shows the
 * token of the current window as a QR code (a short JWT signed with jose) and as six digits for typing.
 * A token is accepted until its window ends plus a short grace, so a photo forwarded to someone absent stops
 * working right after the code on the wall has changed. Both forms are keyed by a key derived from the
 * platform secret for this purpose only, so a check-in token can never pass as a session and vice versa.
 */

export interface RotationSettings {
  SIGNUP_CHECKIN_ROTATION_SECONDS: number;
  SIGNUP_CHECKIN_GRACE_SECONDS: number;
}

const AUDIENCE = 'checkin';
/** How far back a six-digit code is still recognised as an old one (said "expired" rather than "wrong"). */
const RECOGNISED_PAST_SECONDS = 3600;

const keys = new Map<string, Uint8Array>();
function checkinKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret, 'party-platform', 'signup-checkin', 32));
    keys.set(secret, key);
  }
  return key;
}

export function rotationWindow(now: Date, settings: RotationSettings): number {
  return Math.floor(now.getTime() / 1000 / settings.SIGNUP_CHECKIN_ROTATION_SECONDS);
}

/** Unix seconds after which a window's token is refused. */
export function windowExpiry(window: number, settings: RotationSettings): number {
  return (window + 1) * settings.SIGNUP_CHECKIN_ROTATION_SECONDS + settings.SIGNUP_CHECKIN_GRACE_SECONDS;
}

/** Six digits from an HMAC of the activity and the window (the HOTP truncation of RFC 4226). */
export function checkinCode(secret: string, activityId: string, window: number): string {
  const mac = createHmac('sha256', checkinKey(secret)).update(`${activityId}:${window}`).digest();
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

export async function issueCheckinToken(secret: string, activityId: string, now: Date, settings: RotationSettings): Promise<IssuedCheckinToken> {
  const window = rotationWindow(now, settings);
  const expiresAtSeconds = windowExpiry(window, settings);
  // Few claims: the QR code stays small and easy to scan on an old phone.
  const token = await new SignJWT({ w: window })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(activityId)
    .setAudience(AUDIENCE)
    .setExpirationTime(expiresAtSeconds)
    .sign(checkinKey(secret));
  return {
    token,
    code: checkinCode(secret, activityId, window),
    window,
    expiresAt: new Date(expiresAtSeconds * 1000),
    rotatesAt: new Date((window + 1) * settings.SIGNUP_CHECKIN_ROTATION_SECONDS * 1000),
  };
}

export type TokenVerdict = { valid: true; window: number } | { valid: false; reason: 'expired' | 'invalid' };

const sameCode = (a: string, b: string) => timingSafeEqual(Buffer.from(a), Buffer.from(b));

function verifyCode(secret: string, activityId: string, code: string, now: Date, settings: RotationSettings): TokenVerdict {
  const current = rotationWindow(now, settings);
  const nowSeconds = now.getTime() / 1000;
  const oldest = current - Math.ceil(RECOGNISED_PAST_SECONDS / settings.SIGNUP_CHECKIN_ROTATION_SECONDS);
  for (let window = current; window >= oldest; window -= 1) {
    if (!sameCode(checkinCode(secret, activityId, window), code)) continue;
    return nowSeconds < windowExpiry(window, settings) ? { valid: true, window } : { valid: false, reason: 'expired' };
  }
  return { valid: false, reason: 'invalid' };
}

async function verifyJwt(secret: string, activityId: string, token: string, now: Date, settings: RotationSettings): Promise<TokenVerdict> {
  try {
    const { payload } = await jwtVerify(token, checkinKey(secret), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
      subject: activityId,
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
  activityId: string,
  presented: string,
  now: Date,
  settings: RotationSettings,
): Promise<TokenVerdict> {
  const trimmed = presented.trim();
  if (/^\d{6}$/.test(trimmed)) return verifyCode(secret, activityId, trimmed, now, settings);
  return verifyJwt(secret, activityId, trimmed, now, settings);
}
