import type { FeatureKey } from '../../shared/api/features';
import { MEMBER_CATEGORIES, type MemberCategory } from '../../shared/api/identity-model';

/** How many days of a category's usage order its home page. */
export const HOME_USAGE_DAYS = 30;

/** Opens per capability and category, from each capability's per-category rows. */
export function usageByCategory(rows: ReadonlyArray<{ feature: FeatureKey; category?: MemberCategory; counters: Record<string, number> }>): Record<MemberCategory, Record<string, number>> {
  const usage = Object.fromEntries(MEMBER_CATEGORIES.map((category) => [category, {} as Record<string, number>])) as Record<MemberCategory, Record<string, number>>;
  for (const row of rows) {
    const opens = row.counters['usage.opened'] ?? 0;
    // The server's own row (no category) holds no opens.
    const byFeature = row.category ? usage[row.category] : undefined;
    if (byFeature && opens > 0) byFeature[row.feature] = (byFeature[row.feature] ?? 0) + opens;
  }
  return usage;
}
