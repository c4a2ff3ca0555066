import type { JobRunView } from '../../shared/api/jobs';
import { notFound } from '../../shared/runtime/app-error';
import { readRun, unitRecords, type JobRun } from '../../shared/runtime/fanout';

/** The period part of a run's id: `20261205` for a daily schedule, `20261205T0130` for a start by hand. */
export function runStamp(now: Date, period: 'day' | 'minute'): string {
  const iso = now.toISOString().replace(/[-:]/g, '');
  return period === 'day' ? iso.slice(0, 8) : iso.slice(0, 13);
}

export function runView(run: JobRun, listed?: string[]): JobRunView {
  const { runId, job, status, total, done, failed, counts, startedAt } = run;
  return { runId, job, status, total, done, failed, counts, startedAt, ...(listed ? { listed } : {}) };
}

/** A dues job's run; once finished, with what its units listed (members without a base), sorted. */
export async function duesRun(runId: string): Promise<JobRunView> {
  const run = await readRun(runId);
  if (!run || !['generateBills', 'arrearsReminders', 'refreshReport'].includes(run.job)) throw notFound('没有这个任务');
  if (run.status === 'running') return runView(run);
  const listed = (await unitRecords(runId)).flatMap((unit) => unit.listed ?? []).sort();
  return runView(run, listed);
}
