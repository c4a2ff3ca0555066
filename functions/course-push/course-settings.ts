import type { CourseSettings } from '../../shared/api/courses';
import { DEFAULT_SETTINGS } from './settings';
import { saveSettings, storedSettings } from './store/settings-store';

const SETTINGS_TTL_MS = 60_000;
let cached: { at: number; settings: CourseSettings } | undefined;

/** The settings in force: what admins saved, else the defaults; cached a minute per Lambda copy. */
export async function currentSettings(now = Date.now()): Promise<CourseSettings> {
  if (!cached || now - cached.at > SETTINGS_TTL_MS) cached = { at: now, settings: await savedSettings() };
  return cached.settings;
}

/** What admins saved, read now: the settings page must show an admin's own change whichever copy answers. */
export async function savedSettings(): Promise<CourseSettings> {
  return (await storedSettings()) ?? DEFAULT_SETTINGS;
}

export async function updateSettings(settings: CourseSettings, by: string, now = new Date()): Promise<CourseSettings> {
  await saveSettings(settings, by, now);
  cached = { at: now.getTime(), settings };
  return settings;
}

export function forgetSettings(): void {
  cached = undefined;
}
