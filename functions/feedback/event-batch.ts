import { createHash } from 'node:crypto';
import type { FeatureKey } from '../../shared/api/features';
import type { UsageAction, UsageEvent } from '../../shared/api/feedback';
import type { ErrorDetail } from '../../shared/api/errors';
import { shanghaiDay, utcHour, type Counters } from '../../shared/runtime/feedback-signals';

/** A device clock may run a little ahead; anything further is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Events older than the raw-event retention are not counted any more (a device that was offline for weeks). */
export const MAX_EVENT_AGE_DAYS = 30;

/** Counts of one feature in one UTC hour, by action. */
export interface HourCounts {
  feature: FeatureKey;
  hour: string;
  day: string;
  counters: Counters;
}

export interface PreparedBatch {
  /** Same member and same event ids → same hash, however the events are ordered: a re-sent batch is recognised. */
  hash: string;
  counted: number;
  ignored: number;
  /** Sorted by feature and hour, so a re-sent batch produces the same writes in the same order. */
  hours: HourCounts[];
}

const counterOf = (action: UsageAction) => `usage.${action}`;

/**
 * Checks and aggregates one batch of a member's usage events (pure). Duplicate ids inside the batch count
 * once; events too far in the future are refused with their position; events too old are ignored.
 * Only the hour of an event is kept: nothing here can tell how long anyone stayed online.
 */
export function prepareBatch(memberId: string, events: readonly UsageEvent[], now: Date): { problems: ErrorDetail[] } | PreparedBatch {
  const problems: ErrorDetail[] = [];
  const latest = now.getTime() + MAX_CLOCK_SKEW_MS;
  const oldest = now.getTime() - MAX_EVENT_AGE_DAYS * 86_400_000;
  const seen = new Set<string>();
  const byHour = new Map<string, HourCounts>();
  let ignored = 0;
  events.forEach((event, index) => {
    const at = Date.parse(event.at);
    if (at > latest) {
      problems.push({ path: `body.events.${index}.at`, message: '事件时间晚于当前时间，请检查手机时间设置' });
      return;
    }
    if (seen.has(event.id)) return;
    seen.add(event.id);
    if (at < oldest) {
      ignored += 1;
      return;
    }
    const when = new Date(at);
    const hour = utcHour(when);
    const key = `${event.feature}|${hour}`;
    let counts = byHour.get(key);
    if (!counts) {
      counts = { feature: event.feature, hour, day: shanghaiDay(when), counters: {} };
      byHour.set(key, counts);
    }
    const counter = counterOf(event.action);
    counts.counters[counter] = (counts.counters[counter] ?? 0) + 1;
  });
  if (problems.length > 0) return { problems };
  const hash = createHash('sha256')
    .update(`${memberId}\n${[...seen].sort().join('\n')}`)
    .digest('hex')
    .slice(0, 40);
  const hours = [...byHour.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, counts]) => counts);
  return { hash, counted: seen.size - ignored, ignored, hours };
}

/** Sums hour counts into day counts per feature (a Shanghai day holds whole UTC hours). */
export function dayCounts(hours: readonly HourCounts[]): Array<{ feature: FeatureKey; day: string; hour: string; counters: Counters }> {
  const byDay = new Map<string, { feature: FeatureKey; day: string; hour: string; counters: Counters }>();
  for (const counts of hours) {
    const key = `${counts.feature}|${counts.day}`;
    let total = byDay.get(key);
    if (!total) {
      // The first hour of the day stands for the day (it only sets the item's expiry).
      total = { feature: counts.feature, day: counts.day, hour: counts.hour, counters: {} };
      byDay.set(key, total);
    }
    for (const [counter, amount] of Object.entries(counts.counters)) total.counters[counter] = (total.counters[counter] ?? 0) + amount;
  }
  return [...byDay.values()];
}

/** The raw record of a batch at the resolution kept: `feature hour opened/action/error` per line. */
export function rawRecord(hours: readonly HourCounts[]): string {
  return hours
    .map(({ feature, hour, counters }) => `${feature} ${hour} ${counters['usage.opened'] ?? 0}/${counters['usage.action'] ?? 0}/${counters['usage.error'] ?? 0}`)
    .join('\n');
}
