import type { FeatureKey } from '../../../shared/api/features';
import { queryAll } from './dynamo';

/** Sums the feedback loop's usage counters of a feature from `sinceDay` (yyyy-MM-dd) on, over all branches and categories. */
export async function usageTotals(feature: FeatureKey, sinceDay: string): Promise<Record<string, number>> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
    ExpressionAttributeValues: { ':pk': `METRICS#${feature}`, ':since': sinceDay },
  });
  const totals: Record<string, number> = {};
  for (const item of items) {
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith('usage.') && typeof value === 'number') totals[name.slice('usage.'.length)] = (totals[name.slice('usage.'.length)] ?? 0) + value;
    }
  }
  return totals;
}
