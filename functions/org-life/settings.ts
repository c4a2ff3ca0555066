import * as z from 'zod/mini';
import type { RotationSettings } from '../../shared/runtime/checkin/token';

const bounded = (fallback: number, min: number, max: number) =>
  z._default(z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max)), fallback);

/** Local rules of organisation life as settings with defaults (DOMAIN.md: what may differ is configuration). */
const settingsSchema = z.object({
  ORG_LIFE_CHECKIN_ROTATION_SECONDS: bounded(30, 10, 300),
  ORG_LIFE_CHECKIN_GRACE_SECONDS: bounded(15, 0, 120),
  /** Check-in opens this long before the start and closes this long after the end. */
  ORG_LIFE_CHECKIN_OPENS_MINUTES: bounded(30, 0, 24 * 60),
  ORG_LIFE_CHECKIN_CLOSES_MINUTES: bounded(30, 0, 24 * 60),
  ORG_LIFE_CHECKIN_MAX_TRIES: bounded(5, 1, 100),
  /** How long a check-in scanned without network may wait on the phone and still count (ranger stations). */
  ORG_LIFE_OFFLINE_CHECKIN_HOURS: bounded(12, 0, 72),
  /** The secretary is reminded this many days before a month or quarter ends without its meeting. */
  ORG_LIFE_PERIOD_REMINDER_DAYS: bounded(7, 1, 30),
  /** A task's owner is reminded this many days before its due date. */
  ORG_LIFE_TASK_REMINDER_DAYS: bounded(2, 0, 30),
});
export type OrgLifeSettings = z.infer<typeof settingsSchema>;

let cached: OrgLifeSettings | undefined;
export function orgLifeSettings(): OrgLifeSettings {
  cached ??= settingsSchema.parse(process.env);
  return cached;
}

/** Meetings' own purpose label: a sign-up activity's code never checks anyone into a meeting. */
export function meetingRotation(settings: OrgLifeSettings = orgLifeSettings()): RotationSettings {
  return { purpose: 'org-life-checkin', rotationSeconds: settings.ORG_LIFE_CHECKIN_ROTATION_SECONDS, graceSeconds: settings.ORG_LIFE_CHECKIN_GRACE_SECONDS };
}
