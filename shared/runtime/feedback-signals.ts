import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeatureKey } from '../api/features';
import type { MemberCategory } from '../api/identity-model';
import { db, tableName } from './db';

/**
 * Signals every capability sends to the feedback loop (issue 6), which turns them into metrics and rules.
 * Aggregates are atomic counters per feature, Shanghai day, branch and member category — never per person.
 */
export interface UsageSignal {
  feature: FeatureKey;
  /** e.g. 'opened', 'action', 'error', 'push-sent', 'push-click', 'completed'. */
  action: string;
  branchId: string;
  category: MemberCategory;
  count?: number;
  at?: Date;
}

export interface FeedbackSignal {
  feature: FeatureKey;
  source: 'rating' | 'suggestion' | 'handling-rating';
  /** 1–5 where the source carries a rating; a 'platform feature' suggestion carries none. */
  rating?: number;
  branchId: string;
  category: MemberCategory;
  at?: Date;
}

const shanghai = tz('Asia/Shanghai');
export const shanghaiDay = (at: Date) => format(at, 'yyyy-MM-dd', { in: shanghai });

/**
 * Key of one aggregate: `METRIC#<feature>#<day>` / `<branchId>#<category>`; gsi1 groups a feature's days
 * (`METRICS#<feature>` / `<day>#<branchId>#<category>`) for dashboards and rule evaluation.
 */
export function metricKey(feature: FeatureKey, day: string, branchId: string, category: MemberCategory) {
  return {
    pk: `METRIC#${feature}#${day}`,
    sk: `${branchId}#${category}`,
    gsi1pk: `METRICS#${feature}`,
    gsi1sk: `${day}#${branchId}#${category}`,
  };
}

async function addCounters(feature: FeatureKey, at: Date, branchId: string, category: MemberCategory, counters: Record<string, number>) {
  const day = shanghaiDay(at);
  const { pk, sk, gsi1pk, gsi1sk } = metricKey(feature, day, branchId, category);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':feature': feature, ':day': day, ':branch': branchId, ':category': category, ':gpk': gsi1pk, ':gsk': gsi1sk };
  const adds = Object.entries(counters).map(([counter, amount], index) => {
    names[`#c${index}`] = counter;
    values[`:v${index}`] = amount;
    return `#c${index} :v${index}`;
  });
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk, sk },
      UpdateExpression: `SET #type = :type, feature = :feature, #day = :day, branchId = :branch, category = :category, gsi1pk = :gpk, gsi1sk = :gsk ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: { ...names, '#type': 'type', '#day': 'day' },
      ExpressionAttributeValues: { ...values, ':type': 'metric' },
    }),
  );
}

export async function recordUsage(signal: UsageSignal): Promise<void> {
  await addCounters(signal.feature, signal.at ?? new Date(), signal.branchId, signal.category, { [`usage.${signal.action}`]: signal.count ?? 1 });
}

export async function recordFeedbackSignal(signal: FeedbackSignal): Promise<void> {
  const counters: Record<string, number> = { [`feedback.${signal.source}`]: 1 };
  if (signal.rating !== undefined) {
    counters['ratings.count'] = 1;
    counters['ratings.sum'] = signal.rating;
  }
  await addCounters(signal.feature, signal.at ?? new Date(), signal.branchId, signal.category, counters);
}
