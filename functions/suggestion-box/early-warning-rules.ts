import { shanghaiDay } from '../../shared/runtime/feedback-signals';

/**
 * The early-warning rule, as pure functions. Hits are counted in 10-minute buckets; a window of
 * `windowMinutes` slides over the latest buckets. Its baseline is what the previous days averaged per
 * window. A window alerts when it reaches the threshold, or when it has at least `minHits` and is
 * `surgeMultiple` times its baseline (a quiet branch whose window suddenly fills up).
 */
export const BUCKET_MINUTES = 10;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface WarningSettings {
  windowMinutes: number;
  threshold: number;
  surgeMultiple: number;
  minHits: number;
  baselineDays: number;
}

/** Start (ISO UTC) of the 10-minute bucket an instant falls in. */
export function bucketStart(at: Date): string {
  const bucketMs = BUCKET_MINUTES * MINUTE_MS;
  return new Date(Math.floor(at.getTime() / bucketMs) * bucketMs).toISOString();
}

/** The buckets of the window that ends with the current bucket, oldest first. */
export function windowBuckets(at: Date, windowMinutes: number): string[] {
  const count = Math.max(1, Math.ceil(windowMinutes / BUCKET_MINUTES));
  return Array.from({ length: count }, (_, i) => bucketStart(new Date(at.getTime() - (count - 1 - i) * BUCKET_MINUTES * MINUTE_MS)));
}

/** The whole Shanghai days before today that make the baseline. */
export function baselineDays(at: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => shanghaiDay(new Date(at.getTime() - (i + 1) * DAY_MS)));
}

export type WindowVerdict = { alert: false; baseline: number } | { alert: true; reason: 'threshold' | 'surge'; baseline: number };

/** Decides one window from its hit count and the hits of the baseline days. */
export function evaluateWindow(windowHits: number, baselineDayHits: number, settings: WarningSettings): WindowVerdict {
  const windowsPerDay = (24 * 60) / settings.windowMinutes;
  const baseline = baselineDayHits / settings.baselineDays / windowsPerDay;
  if (windowHits >= settings.threshold) return { alert: true, reason: 'threshold', baseline };
  if (windowHits >= settings.minHits && windowHits >= settings.surgeMultiple * baseline) return { alert: true, reason: 'surge', baseline };
  return { alert: false, baseline };
}

/** One alert per branch, category and window period: later hits in the same period do not alert again. */
export function alertId(branchId: string, category: string, at: Date, windowMinutes: number): string {
  return `${branchId}.${category}.${Math.floor(at.getTime() / (windowMinutes * MINUTE_MS))}`;
}
