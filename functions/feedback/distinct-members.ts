import { createHash } from 'node:crypto';
import type { MemberCategory } from '../../shared/api/identity-model';
import { dailyCounterUpdates, hourlyCounterUpdate, memberCounter, type CounterUpdate } from '../../shared/runtime/feedback-signals';
import { dayCounts, type HourCounts } from './event-batch';
import { feedbackKeys } from './keys';

/** One "first time this member did this" check: the marker and the distinct counters it would move. */
export interface MemberMark {
  marker: { pk: string; sk: string };
  updates: CounterUpdate[];
}

/** The marker's member tag: stable per member, feature and period, naming nobody and linking no two periods. */
const memberTag = (userId: string, feature: string, period: string) => createHash('sha256').update(`${userId}|${feature}|${period}`).digest('hex').slice(0, 24);

const actionsOf = (counters: Record<string, number>) =>
  Object.entries(counters)
    .filter(([name, count]) => name.startsWith('usage.') && count > 0)
    .map(([name]) => name.slice('usage.'.length));

/**
 * The distinct-member counts a member's batch may move: per feature, UTC hour and action (the hourly rollup that
 * guardrails read) and per feature, Shanghai day and action (the daily rollups by branch and category). However
 * many events a member sends, each of these moves by 1 at most: a member's weight is capped per feature and period.
 */
export function memberMarks(userId: string, where: { branchId: string; category: MemberCategory }, hours: readonly HourCounts[]): MemberMark[] {
  const hourly = hours.flatMap((hour) =>
    actionsOf(hour.counters).map((action) => ({
      marker: feedbackKeys.memberSeen(hour.feature, hour.hour, memberTag(userId, hour.feature, hour.hour), action),
      updates: [hourlyCounterUpdate({ ...hour, ...where }, { [memberCounter(action)]: 1 })],
    })),
  );
  const daily = dayCounts(hours).flatMap((day) =>
    actionsOf(day.counters).map((action) => ({
      marker: feedbackKeys.memberSeen(day.feature, day.day, memberTag(userId, day.feature, day.day), action),
      updates: dailyCounterUpdates({ ...day, ...where }, { [memberCounter(action)]: 1 }),
    })),
  );
  return [...hourly, ...daily];
}
