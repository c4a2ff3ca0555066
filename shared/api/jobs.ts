import * as z from 'zod/mini';

/**
 * A fanned-out job's run as the app shows it: started at once by a request (or a schedule), its units done in the
 * background, its progress read by id (`counts` are the job's own totals, e.g. bills created).
 */
export const jobRunSchema = z.object({
  runId: z.string(),
  job: z.string(),
  status: z.enum(['running', 'finished', 'finished-with-failures']),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  counts: z.record(z.string(), z.number()),
  startedAt: z.string(),
  /** Ids the job lists for people to act on (e.g. members without a dues base), once it has finished. */
  listed: z.optional(z.array(z.string())),
});
export type JobRunView = z.infer<typeof jobRunSchema>;

/** A run's id in a path: the job's name, its period and when it started (`generateBills.2026-12.20261205T0130`). */
export const runIdParamSchema = z.string().check(z.regex(/^[A-Za-z0-9.:_-]{1,120}$/, '任务编号格式不正确'));

/** The share of a run that is done, for a progress bar (failed units count as settled). */
export const runProgress = (run: Pick<JobRunView, 'total' | 'done' | 'failed'>) => (run.total === 0 ? 1 : (run.done + run.failed) / run.total);
