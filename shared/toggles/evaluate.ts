import { FEATURE_KEYS, type FeatureKey } from '../api/features';
import type { ToggleSettings } from '../api/feedback';
import type { MemberCategory, Role } from '../api/identity-model';
import { stableHash } from './hash';

/** Whom a toggle is evaluated for; undefined for a request without a session (public endpoints). */
export interface ToggleSubject {
  userId: string;
  branchId: string;
  category: MemberCategory;
  roles: readonly Role[];
}

export type ToggleTable = Partial<Record<FeatureKey, ToggleSettings>>;

/** A feature nobody has configured is on for everyone: the platform's behaviour before toggles. */
export const DEFAULT_TOGGLE: ToggleSettings = {
  enabled: true,
  rolloutPercent: 100,
  targeting: { branches: [], categories: [], roles: [], excludedBranches: [], excludedCategories: [] },
  killSwitch: false,
};

/**
 * Features that change how the app looks for whoever has them rather than adding something: off until an
 * admin (or an accepted rule proposal) turns them on for a group — 大字模式 for retired members, say.
 */
export const OPT_IN_FEATURES: ReadonlySet<FeatureKey> = new Set<FeatureKey>(['ui.large-text']);

/** The settings of a feature nobody has configured. */
export function defaultToggle(feature: FeatureKey): ToggleSettings {
  return OPT_IN_FEATURES.has(feature) ? { ...DEFAULT_TOGGLE, enabled: false } : DEFAULT_TOGGLE;
}

/** Only the settings of a toggle (without version, author or reason). */
export function settingsOf(state: ToggleSettings): ToggleSettings {
  const { enabled, rolloutPercent, targeting, killSwitch } = state;
  return { enabled, rolloutPercent, targeting, killSwitch };
}

/** 10,000 buckets: rollout steps of 0.01 % would be possible, percentages use 100 buckets each. */
const BUCKETS = 10_000;

/**
 * The member's sticky bucket for a feature, 0–9999. Salted with the feature so the same members are not
 * always the early ones; stable, so raising a percentage only ever adds members.
 */
export function bucketOf(feature: FeatureKey, userId: string): number {
  return stableHash(`${feature}:${userId}`) % BUCKETS;
}

export function inRollout(feature: FeatureKey, userId: string, percent: number): boolean {
  return bucketOf(feature, userId) < percent * (BUCKETS / 100);
}

function targets(settings: ToggleSettings, subject: ToggleSubject): boolean {
  const { branches, categories, roles, excludedBranches, excludedCategories } = settings.targeting;
  if (excludedBranches.includes(subject.branchId) || excludedCategories.includes(subject.category)) return false;
  if (branches.length > 0 && !branches.includes(subject.branchId)) return false;
  if (categories.length > 0 && !categories.includes(subject.category)) return false;
  if (roles.length > 0 && !roles.some((role) => subject.roles.includes(role))) return false;
  return true;
}

/** The parent of a sub-feature (`suggestions.anonymous` → `suggestions`), if any. */
export function parentOf(feature: FeatureKey): FeatureKey | undefined {
  const dot = feature.indexOf('.');
  if (dot < 0) return undefined;
  const parent = feature.slice(0, dot);
  return (FEATURE_KEYS as readonly string[]).includes(parent) ? (parent as FeatureKey) : undefined;
}

/**
 * Whether one feature is on for a subject. Kill switch and master switch first; without a subject only
 * those decide (targeting and rollout need a member). A sub-feature is never on when its parent is off.
 */
export function isFeatureOn(feature: FeatureKey, table: ToggleTable, subject: ToggleSubject | undefined): boolean {
  const parent = parentOf(feature);
  if (parent && !isFeatureOn(parent, table, subject)) return false;
  const settings = table[feature] ?? defaultToggle(feature);
  if (settings.killSwitch || !settings.enabled) return false;
  if (!subject) return true;
  return targets(settings, subject) && inRollout(feature, subject.userId, settings.rolloutPercent);
}

/** Every feature's state for a subject. */
export function evaluateToggles(table: ToggleTable, subject: ToggleSubject): Record<FeatureKey, boolean> {
  const result = {} as Record<FeatureKey, boolean>;
  for (const feature of FEATURE_KEYS) result[feature] = isFeatureOn(feature, table, subject);
  return result;
}
