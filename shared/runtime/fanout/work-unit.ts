import * as z from 'zod/mini';

/**
 * One unit of a fanned-out job (a few branches, a batch of notice recipients), as an SQS message body. A unit is
 * idempotent: delivered twice, or by two copies at once, it has the effect of once (see runs.ts).
 */
export const workUnitSchema = z.object({
  job: z.string().check(z.minLength(1), z.maxLength(100)),
  runId: z.string().check(z.regex(/^[\w.:-]{1,120}$/)),
  unit: z.string().check(z.regex(/^[\w.:#-]{1,200}$/)),
  input: z.record(z.string(), z.unknown()),
});
export type WorkUnit = z.infer<typeof workUnitSchema>;

/** What a unit reports: counters added to its run's totals (e.g. bills created), and a few ids worth listing. */
export interface UnitOutcome {
  counts?: Record<string, number>;
  /** Up to a few hundred ids a person should see (e.g. members without a dues base), kept with the unit. */
  listed?: string[];
}

export type UnitHandler = (unit: WorkUnit, remainingMs: () => number) => Promise<UnitOutcome | void>;

/** Splits work into units of at most `size` (branches per unit, recipients per unit). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
