import { FEATURE_KEYS, type FeatureKey } from '../../shared/api/features';
import type { Dashboard, Overview } from '../../shared/api/feedback';
import { MEMBER_CATEGORIES } from '../../shared/api/identity-model';
import { shanghaiDay } from '../../shared/runtime/feedback-signals';
import { addCounters, EMPTY_SUMS, sumRows, totals, type MetricSums } from './metrics';
import * as store from './store';
import { metricRows, recentComments } from './usage-store';
import { toggleOrDefault } from './toggles';

export const DEFAULT_DASHBOARD_DAYS = 30;

/** The Shanghai days of the window, oldest first. */
export function daysBack(days: number, now: Date): string[] {
  const list: string[] = [];
  for (let back = days - 1; back >= 0; back -= 1) list.push(shanghaiDay(new Date(now.getTime() - back * 86_400_000)));
  return [...new Set(list)];
}

async function rowsOf(feature: FeatureKey, days: string[]) {
  return metricRows(feature, 'day-category', days[0]!, days[days.length - 1]!);
}

/** One feature over time: usage, error rate and ratings per day and per member category, and recent comments. */
export async function dashboard(feature: FeatureKey, days: number, now = new Date()): Promise<Dashboard> {
  const window = daysBack(days, now);
  const [rows, toggle, comments] = await Promise.all([rowsOf(feature, window), store.getToggle(feature), recentComments(feature, 200)]);
  const byDay = new Map<string, MetricSums>(window.map((day) => [day, EMPTY_SUMS]));
  for (const row of rows) byDay.set(row.period, addCounters(byDay.get(row.period) ?? EMPTY_SUMS, row.counters));
  const published = comments.filter((comment) => comment.status === 'published');
  return {
    feature,
    toggle: toggleOrDefault(feature, toggle),
    days: window.map((day) => ({ day, ...totals(byDay.get(day) ?? EMPTY_SUMS) })),
    totals: totals(sumRows(rows)),
    byCategory: MEMBER_CATEGORIES.map((category) => ({ category, ...totals(sumRows(rows.filter((row) => row.category === category))) })),
    comments: published.slice(0, 20).map(({ at, rating, category, text }) => ({ at, rating, category, text })),
    heldComments: comments.length - published.length,
  };
}

/** Every feature's totals over the window, with its toggle: the admin's first page. */
export async function overview(days: number, now = new Date()): Promise<Overview> {
  const window = daysBack(days, now);
  const [features, openProposals] = await Promise.all([
    Promise.all(
      FEATURE_KEYS.map(async (feature) => {
        const [rows, toggle] = await Promise.all([rowsOf(feature, window), store.getToggle(feature)]);
        return { feature, toggle: toggleOrDefault(feature, toggle), totals: totals(sumRows(rows)) };
      }),
    ),
    store.countOpenProposals(),
  ]);
  return { days, features, openProposals };
}
