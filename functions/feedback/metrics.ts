import type { MetricKey, MetricTotals } from '../../shared/api/feedback';
import { memberCounter, SERVER_ERROR_COUNTER, type Counters } from '../../shared/runtime/feedback-signals';

/** Sums of the counters that metrics are made of, over any set of aggregate rows. */
export interface MetricSums {
  opens: number;
  actions: number;
  errors: number;
  ratings: number;
  ratingSum: number;
  suggestions: number;
  /** Distinct members who opened the feature, and who reported an error, summed over the periods (hours or days). */
  openedMembers: number;
  errorMembers: number;
  /** Failures the server itself saw on the feature's routes. */
  serverErrors: number;
}

export const EMPTY_SUMS: MetricSums = { opens: 0, actions: 0, errors: 0, ratings: 0, ratingSum: 0, suggestions: 0, openedMembers: 0, errorMembers: 0, serverErrors: 0 };

export function addCounters(sums: MetricSums, counters: Counters): MetricSums {
  const count = (name: string) => counters[name] ?? 0;
  return {
    opens: sums.opens + count('usage.opened'),
    actions: sums.actions + count('usage.action'),
    errors: sums.errors + count('usage.error'),
    ratings: sums.ratings + count('ratings.count'),
    ratingSum: sums.ratingSum + count('ratings.sum'),
    suggestions: sums.suggestions + count('feedback.suggestion'),
    openedMembers: sums.openedMembers + count(memberCounter('opened')),
    errorMembers: sums.errorMembers + count(memberCounter('error')),
    serverErrors: sums.serverErrors + count(SERVER_ERROR_COUNTER),
  };
}

export function sumRows(rows: ReadonlyArray<{ counters: Counters }>): MetricSums {
  return rows.reduce((sums, row) => addCounters(sums, row.counters), EMPTY_SUMS);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Error rate in percent of opens; null without opens. */
export const errorRate = (sums: MetricSums) => (sums.opens > 0 ? round((sums.errors / sums.opens) * 100, 1) : null);
/**
 * Share of the members who opened a feature that met an error, in percent (at most 100); null without members.
 * This is what rules judge: one member's thousand error reports weigh as much as one error report.
 */
export const memberErrorRate = (sums: MetricSums) => (sums.openedMembers > 0 ? Math.min(100, round((sums.errorMembers / sums.openedMembers) * 100, 1)) : null);
export const averageRating = (sums: MetricSums) => (sums.ratings > 0 ? round(sums.ratingSum / sums.ratings, 2) : null);

export function totals(sums: MetricSums): MetricTotals {
  return {
    opens: sums.opens,
    actions: sums.actions,
    errors: sums.errors,
    errorRate: errorRate(sums),
    ratings: sums.ratings,
    avgRating: averageRating(sums),
    suggestions: sums.suggestions,
  };
}

/**
 * A metric's value for a group and the sample it rests on. `activity` is how much the group used the
 * platform at all (opens of every feature): the sample of "opens", so that a feature is only called
 * unused by a group that is otherwise active. A null value means there is nothing to judge.
 */
export function metricValue(metric: MetricKey, sums: MetricSums, activity: number): { value: number | null; sample: number } {
  switch (metric) {
    case 'error-rate':
      return { value: memberErrorRate(sums), sample: sums.openedMembers };
    case 'avg-rating':
      return { value: averageRating(sums), sample: sums.ratings };
    case 'ratings':
      return { value: sums.ratings, sample: sums.ratings };
    case 'opens':
      return { value: sums.opens, sample: activity };
    case 'suggestions':
      return { value: sums.suggestions, sample: sums.suggestions };
  }
}
