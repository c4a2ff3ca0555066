import * as z from 'zod/mini';
import type { RotationSettings } from '../../shared/runtime/checkin/token';

const seconds = (fallback: number, min: number, max: number) =>
  z._default(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback);

/**
 * Local rules of sign-up and check-in, as settings with their defaults (DOMAIN.md: what may differ between
 * organisations is configuration, never a constant in the code).
 */
const settingsSchema = z.object({
  /** How often the organiser's QR code changes. */
  SIGNUP_CHECKIN_ROTATION_SECONDS: seconds(30, 10, 300),
  /** How long a code stays accepted after the next one appeared: a scan on a slow network still lands. */
  SIGNUP_CHECKIN_GRACE_SECONDS: seconds(15, 0, 120),
  /** Check-in opens this long before the start and closes this long after the end. */
  SIGNUP_CHECKIN_OPENS_MINUTES: seconds(30, 0, 24 * 60),
  SIGNUP_CHECKIN_CLOSES_MINUTES: seconds(30, 0, 24 * 60),
  /** Check-in attempts a member may make per code rotation (guards the six-digit code against guessing). */
  SIGNUP_CHECKIN_MAX_TRIES: seconds(5, 1, 100),
  /** How long after the end an organiser may still correct attendance by hand. */
  SIGNUP_MANUAL_MARK_DAYS: seconds(7, 0, 90),
  /** Attempts of one transaction cancelled by TransactionConflict before the member is asked to retry. */
  SIGNUP_TRANSACTION_ATTEMPTS: seconds(8, 1, 20),
  /** Condition-driven rounds (another member took the seat or ticket first) before giving up as busy. */
  SIGNUP_CONTENTION_ROUNDS: seconds(60, 1, 500),
});

export type SignupSettings = z.infer<typeof settingsSchema>;

let cached: SignupSettings | undefined;

export function signupSettings(): SignupSettings {
  cached ??= settingsSchema.parse(process.env);
  return cached;
}

export function resetSignupSettingsForTests(): void {
  cached = undefined;
}

/** The shared rotating-token settings for sign-up's check-in; the purpose label keeps tokens issued before the move valid. */
export function signupRotation(settings: SignupSettings = signupSettings()): RotationSettings {
  return { purpose: 'signup-checkin', rotationSeconds: settings.SIGNUP_CHECKIN_ROTATION_SECONDS, graceSeconds: settings.SIGNUP_CHECKIN_GRACE_SECONDS };
}
