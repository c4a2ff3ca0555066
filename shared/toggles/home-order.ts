import { CAPABILITIES, type CapabilityKey } from '../api/capabilities';
import type { FeatureKey } from '../api/features';
import type { HomeLayout } from '../api/feedback';

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
