import type { FeatureKey } from '../../api/features';
import { AppError } from '../app-error';
import { recordServerErrors } from '../feedback-signals';
import { logger } from '../logger';

/**
 * The server's own count of its failures per feature, so that an automatic guardrail can tell errors members
 * report from errors the server saw too. Counted per Lambda copy and written at most once per FLUSH_EVERY_MS
 * (the first failure of a quiet copy at once): an incident costs each copy a write every few seconds, not one
 * per failed request, and the feature's rollup item stays far from DynamoDB's per-item limit. Counts pending
 * in a copy that is never called again are lost: a guardrail only needs "at least a few". A function with
 * feature endpoints needs FEEDBACK_SIGNAL_TABLE_ACTIONS (UpdateItem) for these writes; a failed write is only logged.
 */
export const FLUSH_EVERY_MS = 10_000;

const pending = new Map<FeatureKey, number>();
let lastFlush = 0;

/** A failure the member could do nothing about: anything but an expected refusal (4xx). */
export const isServerFailure = (error: unknown) => !(error instanceof AppError) || error.status >= 500;

export function noteServerError(feature: FeatureKey): void {
  pending.set(feature, (pending.get(feature) ?? 0) + 1);
}

export const serverErrorsDue = (now = Date.now()) => pending.size > 0 && now - lastFlush >= FLUSH_EVERY_MS;

/** Writes the pending counts (when due, or at once with `force`); a failed write is logged, never thrown. */
export async function flushServerErrors(options: { force?: boolean; now?: number } = {}): Promise<void> {
  const now = options.now ?? Date.now();
  if (!options.force && !serverErrorsDue(now)) return;
  const counts = [...pending.entries()];
  pending.clear();
  lastFlush = now;
  await Promise.all(
    counts.map(([feature, count]) =>
      recordServerErrors(feature, count, new Date(now)).catch((error: unknown) => {
        logger.warn('could not record server errors', { feature, count, error: error instanceof Error ? error.message : String(error) });
      }),
    ),
  );
}
