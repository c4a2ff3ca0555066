import { randomUUID } from 'node:crypto';
import { FEATURE_KEYS, type FeatureKey } from '../../shared/api/features';
import type { Actor, AuditEntry, Evidence, MyToggles, ToggleSettings, ToggleState } from '../../shared/api/feedback';
import { AppError, badRequest } from '../../shared/runtime/app-error';
import { loadFeatureConfig, type FeatureConfig } from '../../shared/runtime/feature-gate';
import type { Caller } from '../../shared/runtime/session';
import { defaultToggle, evaluateToggles, settingsOf } from '../../shared/toggles/evaluate';
import { stableHash } from '../../shared/toggles/hash';
import { homeOrder } from '../../shared/toggles/home-order';
import { branchIds, getToggle, saveToggleChange, type ProposalDecision } from './store';

export const adminActor = (caller: Caller): Actor => ({ kind: 'admin', userId: caller.userId, name: caller.name });

/** A feature's toggle as stored, or the default (on for everyone unless opt-in, version 0) when nobody has set it. */
export function toggleOrDefault(feature: FeatureKey, stored: ToggleState | undefined): ToggleState {
  return stored ?? { feature, ...defaultToggle(feature), version: 0 };
}

export function parseFeature(value: string | undefined): FeatureKey {
  if (value !== undefined && (FEATURE_KEYS as readonly string[]).includes(value)) return value as FeatureKey;
  throw new AppError(404, 'FEATURE_NOT_FOUND');
}

function evaluateFor(config: FeatureConfig, caller: Caller): MyToggles {
  const features = evaluateToggles(config.toggles, caller);
  const home = homeOrder(config.homes[caller.category], features);
  const version = stableHash(JSON.stringify([features, home])).toString(36);
  return { features, home, version };
}

/**
 * Answers already worked out for the current configuration, per caller (per Lambda copy; a new configuration
 * starts afresh). Keyed by the caller object itself: a member's session yields the same one on every request
 * until it expires (see verifySession), and an answer goes when its caller does.
 */
let answers: { config: FeatureConfig; byCaller: WeakMap<Caller, MyToggles> } | undefined;

/** The caller's evaluated toggles and home order, with a validator that changes whenever the answer does. */
export async function myToggles(caller: Caller): Promise<MyToggles> {
  const config = await loadFeatureConfig();
  if (answers?.config !== config) answers = { config, byCaller: new WeakMap() };
  let answer = answers.byCaller.get(caller);
  if (!answer) {
    answer = evaluateFor(config, caller);
    answers.byCaller.set(caller, answer);
  }
  return answer;
}

export async function listToggles(): Promise<ToggleState[]> {
  return Promise.all(FEATURE_KEYS.map(async (feature) => toggleOrDefault(feature, await getToggle(feature))));
}

export interface ToggleChange {
  feature: FeatureKey;
  current: ToggleState;
  next: ToggleSettings;
  actor: Actor;
  at: Date;
  note?: string;
  killReason?: string;
  evidence?: Evidence;
  decision?: ProposalDecision;
}

/** Saves a change with its audit entry (who or which rule, before and after, the evidence). */
export async function changeToggle(change: ToggleChange): Promise<ToggleState> {
  const at = change.at.toISOString();
  const { current, next } = change;
  const state: ToggleState = {
    ...settingsOf(next),
    feature: change.feature,
    version: current.version + 1,
    updatedAt: at,
    updatedBy: change.actor,
    ...(next.killSwitch ? { killReason: change.killReason ?? (current.killSwitch ? current.killReason : undefined) ?? '管理员手动暂停' } : {}),
    ...(current.killSwitch && !next.killSwitch ? { resumedAt: at } : current.resumedAt ? { resumedAt: current.resumedAt } : {}),
  };
  const audit: AuditEntry = {
    id: randomUUID(),
    feature: change.feature,
    at,
    actor: change.actor,
    before: settingsOf(current),
    after: settingsOf(next),
    ...(change.note ? { note: change.note } : {}),
    ...(change.evidence ? { evidence: change.evidence } : {}),
    ...(change.decision ? { proposalId: change.decision.id } : {}),
  };
  await saveToggleChange(state, current.version, audit, change.decision);
  return state;
}

/** An admin's edit in the toggles editor, refused if someone changed the toggle since it was read. */
export async function updateToggle(
  caller: Caller,
  feature: FeatureKey,
  input: ToggleSettings & { expectedVersion: number; note?: string },
  now = new Date(),
): Promise<ToggleState> {
  // The audit trail is only as useful as its reasons: an admin's change without one is not saved.
  const note = input.note?.trim();
  if (!note) throw new AppError(400, 'TOGGLE_NOTE_REQUIRED');
  const { targeting } = input;
  const named = [...targeting.branches, ...targeting.excludedBranches];
  if (named.length > 0) {
    const known = await branchIds();
    const unknown = named.filter((id) => !known.has(id));
    if (unknown.length > 0) throw badRequest([{ path: 'body.targeting', message: `这些支部不存在：${unknown.join('、')}` }]);
  }
  const current = toggleOrDefault(feature, await getToggle(feature));
  if (current.version !== input.expectedVersion) throw new AppError(409, 'TOGGLE_VERSION_CONFLICT');
  return changeToggle({ feature, current, next: settingsOf(input), actor: adminActor(caller), at: now, note });
}
