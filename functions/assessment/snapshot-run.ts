import { TZDate } from '@date-fns/tz';
import type { OrgUnit } from '../../shared/api/identity-model';
import { chunk, fanOut, type JobRun, type UnitHandler } from '../../shared/runtime/fanout';
import { logger } from '../../shared/runtime/logger';
import { organisationUnits } from '../../shared/runtime/member-directory';
import { requireScheme } from './scheme';
import { recordBatchCounted } from './snapshot-store';
import { countBranches, rescoreUnits, scoreBureau } from './snapshots';
import { schemeHead } from './store';

/**
 * The snapshot jobs (docs/assessment.md): `refreshSnapshots` counts every unit (nightly, or an admin's "recount
 * now"), one work unit per batch of one bureau's branches; `rescoreSnapshots` scores again the units an import or
 * an evaluator's score changed. Both run in the function's work queue (deployment.ts), units idempotent.
 */

/**
 * Branches per unit: each branch takes ~60 reads (its sources and its own results and scores, per period begun),
 * four branches side by side, so a unit stays well inside the function's 29 s timeout (npm run bench:assessment).
 */
export const BRANCHES_PER_SNAPSHOT_UNIT = 10;
/** Units re-scored per work unit: a handful of reads each. */
const UNITS_PER_RESCORE = 50;

/** Work-unit names allow letters, digits and `_ . : # -`; an organisation id may hold `@` too. */
const unitName = (text: string) => text.replace(/[^\w.:#-]/g, '_');

/** The period part of a run's id: a day for the schedule, a minute for an admin's start. */
function runStamp(now: Date, period: 'day' | 'minute'): string {
  const iso = now.toISOString().replace(/[-:]/g, '');
  return period === 'day' ? iso.slice(0, 8) : iso.slice(0, 13);
}

export type SnapshotUnitInput = {
  year: string;
  bureauId: string;
  branchIds: string[];
  /** This batch's index among the bureau's `batches`: the last one done scores the bureau. */
  batch: number;
  batches: number;
};

/** The work units of a year's count: each bureau's branches in batches (a bureau without branches: one empty batch). */
export function snapshotPlan(year: string, units: readonly OrgUnit[]): Array<{ unit: string; input: SnapshotUnitInput }> {
  const bureaus = units.filter((unit) => unit.kind === 'company').sort((a, b) => a.id.localeCompare(b.id));
  return bureaus.flatMap((bureau) => {
    const branchIds = units.filter((unit) => unit.kind === 'branch' && unit.parentId === bureau.id).map((unit) => unit.id).sort();
    const batches = branchIds.length === 0 ? [[]] : chunk(branchIds, BRANCHES_PER_SNAPSHOT_UNIT);
    return batches.map((ids, batch) => ({ unit: unitName(`${bureau.id}.${batch}`), input: { year, bureauId: bureau.id, branchIds: ids, batch, batches: batches.length } }));
  });
}

/** Counts one batch; the run's last batch of a bureau then scores the bureau from its branches' counts. */
export async function countSnapshotBatch(runId: string, input: SnapshotUnitInput, now = new Date()): Promise<{ branches: number; bureaus: number }> {
  const branches = await countBranches(input.year, input.bureauId, input.branchIds, now);
  const done = await recordBatchCounted(runId, input.bureauId, input.batch, now);
  const bureaus = done >= input.batches && (await scoreBureau(input.year, input.bureauId)) ? 1 : 0;
  return { branches, bureaus };
}

export const refreshSnapshotUnit: UnitHandler = async (unit) => ({ counts: await countSnapshotBatch(unit.runId, unit.input as unknown as SnapshotUnitInput) });

export const rescoreSnapshotUnit: UnitHandler = async (unit) => {
  const { year, unitCodes } = unit.input as { year: string; unitCodes: string[] };
  return { counts: { rescored: await rescoreUnits(year, unitCodes) } };
};

/** Counts every unit of a year in the background; the year needs its scheme (404 without). */
export async function startSnapshotRun(year: string, now = new Date(), period: 'day' | 'minute' = 'minute'): Promise<JobRun> {
  await requireScheme(year);
  return fanOut({ job: 'refreshSnapshots', runId: `refreshSnapshots.${year}.${runStamp(now, period)}`, input: { year }, units: snapshotPlan(year, await organisationUnits()) }, now);
}

/** The nightly count: this year (and last year in January, while its last quarter's data still arrives), if it has a scheme. */
export async function nightlySnapshotRuns(now = new Date()): Promise<JobRun[]> {
  const local = new TZDate(now.getTime(), 'Asia/Shanghai');
  const years = local.getMonth() === 0 ? [local.getFullYear() - 1, local.getFullYear()] : [local.getFullYear()];
  const runs: JobRun[] = [];
  for (const year of years.map(String)) if (await schemeHead(year)) runs.push(await startSnapshotRun(year, now, 'day'));
  return runs;
}

/**
 * Re-scores the units a change touched (their snapshots were marked stale before it was written). A queue that
 * refuses the units leaves them marked stale — the view says so — until the nightly count: the change itself is
 * written, so it is logged, not thrown.
 */
export async function requestRescore(year: string, unitCodes: readonly string[], changeId: string, now = new Date()): Promise<void> {
  if (unitCodes.length === 0) return;
  try {
    await fanOut(
      {
        job: 'rescoreSnapshots',
        runId: `rescoreSnapshots.${year}.${unitName(changeId)}`,
        input: { year },
        units: chunk([...unitCodes].sort(), UNITS_PER_RESCORE).map((codes, index) => ({ unit: `units-${index}`, input: { year, unitCodes: codes } })),
      },
      now,
    );
  } catch (error) {
    logger.error('assessment re-score not started; the units stay marked stale until the nightly count', { year, units: unitCodes.length, error });
  }
}
