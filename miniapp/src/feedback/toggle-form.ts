import { ERROR_MESSAGES, type ToggleSettings, type ToggleState } from '@shared/api';
import { OPT_IN_FEATURES } from '@shared/toggles/evaluate';
import { toggleStatus } from './labels';

/**
 * The toggle editor's rules, free of the page: one switch position that is always chosen (the toggle's
 * current one when the editor opens), and a note that must say why — it is what the audit trail shows.
 */
export type SwitchPosition = 'on' | 'off' | 'paused';

export const SWITCH_OPTIONS: ReadonlyArray<{ value: SwitchPosition; label: string }> = [
  { value: 'on', label: '开启' },
  { value: 'off', label: '关闭' },
  { value: 'paused', label: '紧急暂停' },
];

export function switchOf(settings: Pick<ToggleSettings, 'enabled' | 'killSwitch'>): SwitchPosition {
  if (settings.killSwitch) return 'paused';
  return settings.enabled ? 'on' : 'off';
}

/** Pausing keeps the toggle's own on/off so that lifting the pause restores it. */
export function withSwitch<S extends ToggleSettings>(settings: S, position: SwitchPosition): S {
  if (position === 'paused') return { ...settings, killSwitch: true };
  return { ...settings, enabled: position === 'on', killSwitch: false };
}

/** The server's own words for the same refusal (TOGGLE_NOTE_REQUIRED): the app and the API say it alike. */
export const NOTE_REQUIRED = ERROR_MESSAGES.TOGGLE_NOTE_REQUIRED;
export const PERCENT_INVALID = '开放比例请填写 0 到 100 之间的整数';

/** Why the form cannot be saved yet, or null. */
export function formProblem(form: { percent: string; note: string }): string | null {
  const percent = form.percent.trim();
  if (!/^\d{1,3}$/.test(percent) || Number(percent) > 100) return PERCENT_INVALID;
  if (form.note.trim() === '') return NOTE_REQUIRED;
  return null;
}

/**
 * Opt-in features (大字模式) are off unless an admin opens them for a group, and each member may still turn
 * them on for themselves on 我的: a bare "已关闭" would read as if nobody had them.
 */
export function toggleHeadline(toggle: ToggleState): string {
  if (OPT_IN_FEATURES.has(toggle.feature) && !toggle.enabled && !toggle.killSwitch) return '未统一开启（党员可自选）';
  return toggleStatus(toggle);
}

/** For 大字模式: who decides, and how it is on the admin's own phone right now. */
export function memberChoiceNote(toggle: ToggleState, onForThisDevice: boolean): string | null {
  if (!OPT_IN_FEATURES.has(toggle.feature)) return null;
  return `党员可在“我的”页自行开启或关闭，个人选择优先；本机当前${onForThisDevice ? '已开启' : '未开启'}`;
}
