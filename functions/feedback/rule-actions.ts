import { CAPABILITIES, type CapabilityKey } from '../../shared/api/capabilities';
import { FEATURES, type FeatureKey } from '../../shared/api/features';
import type { Group, RuleAction, ToggleSettings } from '../../shared/api/feedback';
import { CATEGORY_LABELS, type MemberCategory } from '../../shared/api/identity-model';
import { settingsOf } from '../../shared/toggles/evaluate';

/** What a rule's action changes, worked out against the current state (pure). */

export function isCapability(feature: FeatureKey): feature is CapabilityKey {
  return CAPABILITIES.some((capability) => capability.key === feature);
}

export function groupLabel(group: Group): string {
  if (group.kind === 'all') return '全体党员';
  if (group.kind === 'category') return CATEGORY_LABELS[group.value as MemberCategory] ?? String(group.value);
  return `支部 ${String(group.value)}`;
}

const withItem = <T>(list: readonly T[], item: T): T[] => (list.includes(item) ? [...list] : [...list, item]);

/** The toggle after the action, or undefined when it would change nothing (already done, or not a toggle action). */
export function toggleAfter(action: RuleAction, group: Group, state: ToggleSettings): ToggleSettings | undefined {
  const current = settingsOf(state);
  const live = current.enabled && !current.killSwitch;
  switch (action.type) {
    case 'pause':
      return live ? { ...current, killSwitch: true } : undefined;
    case 'step-up':
      return live && current.rolloutPercent < action.percent ? { ...current, rolloutPercent: action.percent } : undefined;
    case 'disable': {
      if (!current.enabled) return undefined;
      const { targeting } = current;
      if (group.kind === 'all') return { ...current, enabled: false };
      if (group.kind === 'category') {
        const category = group.value as MemberCategory;
        if (targeting.excludedCategories.includes(category)) return undefined;
        return { ...current, targeting: { ...targeting, excludedCategories: withItem(targeting.excludedCategories, category) } };
      }
      const branch = String(group.value);
      if (targeting.excludedBranches.includes(branch)) return undefined;
      return { ...current, targeting: { ...targeting, excludedBranches: withItem(targeting.excludedBranches, branch) } };
    }
    case 'hide-from-home':
      return undefined;
  }
}

/** The hidden entries of a category's home page after the action, or undefined when nothing changes. */
export function hiddenAfter(action: RuleAction, feature: FeatureKey, hidden: readonly CapabilityKey[]): CapabilityKey[] | undefined {
  if (action.type !== 'hide-from-home' || !isCapability(feature) || hidden.includes(feature)) return undefined;
  return [...hidden, feature];
}

/** What applying the action does, in the words an admin reads in the proposals inbox. */
export function describeAction(action: RuleAction, feature: FeatureKey, group: Group): string {
  const name = `「${FEATURES[feature]}」`;
  switch (action.type) {
    case 'pause':
      return `暂停${name}（紧急关闭）`;
    case 'step-up':
      return `将${name}的开放比例提高到 ${action.percent}%`;
    case 'disable':
      return group.kind === 'all' ? `关闭${name}` : `对${groupLabel(group)}关闭${name}`;
    case 'hide-from-home':
      return `将${name}移出${groupLabel(group)}的首页（功能仍可在“更多功能”中使用）`;
  }
}
