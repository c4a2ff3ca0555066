import type { FeatureKey } from '../../../shared/api/features';
import { rollupIndexPartitions } from '../../../shared/runtime/feedback-signals';
import { queryAll } from './dynamo';

/**
 * Sums the feedback loop's usage counters of a feature from `sinceDay` (yyyy-MM-dd) on, over all branches and
 * categories: every shard of the feature's per-branch index (and its unsharded partition of older rows).
 */
export async function usageTotals(feature: FeatureKey, sinceDay: string): Promise<Record<string, number>> {
  const parts = await Promise.all(
    rollupIndexPartitions(`METRICS#${feature}`).map((partition) =>
      queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
        ExpressionAttributeValues: { ':pk': partition, ':since': sinceDay },
      }),
    ),
  );
  const totals: Record<string, number> = {};
  for (const item of parts.flat()) {
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith('usage.') && typeof value === 'number') totals[name.slice('usage.'.length)] = (totals[name.slice('usage.'.length)] ?? 0) + value;
    }
  }
  return totals;
}
