import { CAPABILITIES, type CapabilityKey } from '../../shared/api/capabilities';
import type { FeatureKey } from '../../shared/api/features';
import type { HomeLayout } from '../../shared/api/feedback';
import { MEMBER_CATEGORIES, type MemberCategory } from '../../shared/api/identity-model';

/** How many days of a category's usage order its home page. */
export const HOME_USAGE_DAYS = 30;

/**
 * The home page of a member (pure): entries whose toggle is off are left out; pinned entries come first in
 * the admins' order, then the rest by how much the member's category opened them (ties keep the default
 * order); entries moved off the home page go to "more".
 */
export function homeOrder(layout: Pick<HomeLayout, 'pinned' | 'hidden' | 'usage'> | undefined, features: Record<FeatureKey, boolean>): { order: CapabilityKey[]; more: CapabilityKey[] } {
  const visible = CAPABILITIES.map((capability) => capability.key).filter((key) => features[key]);
  const pinned = (layout?.pinned ?? []).filter((key) => visible.includes(key));
  const hidden = new Set((layout?.hidden ?? []).filter((key) => !pinned.includes(key)));
  const usage = layout?.usage ?? {};
  const rest = visible
    .filter((key) => !pinned.includes(key) && !hidden.has(key))
    .map((key, index) => ({ key, index, opens: usage[key] ?? 0 }))
    .sort((a, b) => b.opens - a.opens || a.index - b.index)
    .map((entry) => entry.key);
  return { order: [...pinned, ...rest], more: visible.filter((key) => hidden.has(key)) };
}

/** Opens per capability and category, from each capability's per-category rows. */
export function usageByCategory(rows: ReadonlyArray<{ feature: FeatureKey; category: MemberCategory; counters: Record<string, number> }>): Record<MemberCategory, Record<string, number>> {
  const usage = Object.fromEntries(MEMBER_CATEGORIES.map((category) => [category, {} as Record<string, number>])) as Record<MemberCategory, Record<string, number>>;
  for (const row of rows) {
    const opens = row.counters['usage.opened'] ?? 0;
    const byFeature = usage[row.category];
    if (byFeature && opens > 0) byFeature[row.feature] = (byFeature[row.feature] ?? 0) + opens;
  }
  return usage;
}
